/** What a pasted ticket reference points at. */
export type TicketRef =
  | { kind: 'jira'; baseUrl: string; key: string }
  | { kind: 'jira'; key: string; baseUrl: null }
  | { kind: 'github'; repo: string; number: number; apiHint: string | null };

const JIRA_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/i;
const GITHUB_NAME = /^[\w.-]+$/;

/**
 * Reads a ticket reference pasted by a person: a Jira browse (or board, or REST) URL, a bare
 * Jira key, a GitHub issue URL (github.com, Enterprise, or their API URLs) or `owner/repo#12`.
 * Returns null for anything else, pull requests included.
 */
export function parseTicketUrl(input: string): TicketRef | null {
  const text = input.trim();
  if (JIRA_KEY.test(text)) return { kind: 'jira', key: text.toUpperCase(), baseUrl: null };
  const shorthand = text.match(/^([\w.-]+)\/([\w.-]+)#(\d+)$/);
  if (shorthand) return github(shorthand[1], shorthand[2], shorthand[3], null);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return githubFromUrl(url) ?? jiraFromUrl(url);
}

function github(owner: string, repo: string, digits: string, apiHint: string | null): TicketRef | null {
  const number = Number(digits);
  if (!GITHUB_NAME.test(owner) || !GITHUB_NAME.test(repo) || !Number.isSafeInteger(number) || number < 1) return null;
  return { kind: 'github', repo: `${owner}/${repo.replace(/\.git$/, '')}`, number, apiHint };
}

function githubFromUrl(url: URL): TicketRef | null {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const host = url.host.toLowerCase();
  // API URLs: api.github.com/repos/o/r/issues/N and <ghe>/api/v3/repos/o/r/issues/N.
  const apiPrefix = host === 'api.github.com' ? 0 : segments[0] === 'api' && segments[1] === 'v3' ? 2 : -1;
  if (apiPrefix >= 0) {
    const [repos, owner, repo, issues, n, ...rest] = segments.slice(apiPrefix);
    if (repos !== 'repos' || issues !== 'issues' || rest.length || !/^\d+$/.test(n ?? '')) return null;
    return github(owner, repo, n, `${url.origin}${apiPrefix ? '/api/v3' : ''}`);
  }
  const [owner, repo, issues, n, ...rest] = segments;
  if (issues !== 'issues' || !/^\d+$/.test(n ?? '') || rest.length > 0) return null;
  return github(
    owner,
    repo,
    n,
    host === 'github.com' || host === 'www.github.com' ? 'https://api.github.com' : `${url.origin}/api/v3`,
  );
}

/** Path segments that start Jira's own routes; anything before them is a Data Center context path. */
const JIRA_ROUTES = new Set(['browse', 'rest', 'secure', 'projects', 'issues', 'servicedesk', 'plugins', 'jira']);

function jiraFromUrl(url: URL): TicketRef | null {
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
