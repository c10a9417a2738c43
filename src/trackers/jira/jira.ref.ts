import { hostOf, httpUrl, type TicketRef, type TicketRefInfo } from '../tracker-kind.js';

/** A pasted Jira reference: a key, with the site URL when the reference was a link. */
export type JiraRef = { kind: 'jira'; baseUrl: string; key: string } | { kind: 'jira'; key: string; baseUrl: null };

const JIRA_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/i;

/** A Jira browse (or board, or REST) URL, or a bare key; null for anything else. Expects trimmed text. */
export function parseJiraRef(text: string): JiraRef | null {
  if (JIRA_KEY.test(text)) return { kind: 'jira', key: text.toUpperCase(), baseUrl: null };
  const url = httpUrl(text);
  return url ? jiraFromUrl(url) : null;
}

export function describeJiraRef(ref: TicketRef): TicketRefInfo {
  if (ref.kind !== 'jira') throw new Error(`not a Jira reference: ${ref.kind}`);
  const jira = ref as JiraRef;
  return {
    key: jira.key,
    target: jira.key.slice(0, jira.key.lastIndexOf('-')),
    host: jira.baseUrl ? hostOf(jira.baseUrl) : null,
    baseUrl: jira.baseUrl,
  };
}

/** Path segments that start Jira's own routes; anything before them is a Data Center context path. */
const JIRA_ROUTES = new Set(['browse', 'rest', 'secure', 'projects', 'issues', 'servicedesk', 'plugins', 'jira']);

function jiraFromUrl(url: URL): JiraRef | null {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const key = jiraKeyFromPath(segments) ?? url.searchParams.get('selectedIssue');
  if (!key || !JIRA_KEY.test(key)) return null;
  // On Cloud "/jira/..." is a route, not a context path; on Data Center "/jira" often is one.
  const cloud = /\.(atlassian\.net|jira\.com)$/i.test(url.hostname);
  const routeAt = cloud ? 0 : segments.findIndex((s, i) => JIRA_ROUTES.has(s) && (s !== 'jira' || i > 0));
  const context = routeAt > 0 ? `/${segments.slice(0, routeAt).join('/')}` : '';
  return { kind: 'jira', baseUrl: `${url.origin}${context}`, key: key.toUpperCase() };
}

/** …/browse/KEY, …/rest/api/2/issue/KEY, …/projects/P/issues/KEY, …/servicedesk/…/KEY. */
function jiraKeyFromPath(segments: string[]): string | null {
  const last = segments.at(-1) ?? '';
  const before = segments.at(-2);
  if (!JIRA_KEY.test(last)) return null;
  if (before === 'browse') return last;
  if (before === 'issue' && segments.at(-4) === 'api' && segments.at(-5) === 'rest') return last;
  if (before === 'issues' && segments.includes('projects')) return last;
  if (segments.includes('servicedesk')) return last;
  return null;
}
