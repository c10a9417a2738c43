import type { CreateTicketInput, TicketState, TrackerIssue } from '../issue-tracker.js';
import type { GithubIssueJson } from './github.client.js';

const MARKER_PATTERN = /<!--\s*remediation:([\w-]+)\s*-->/;

/** Hidden in the rendered issue, kept in the body through edits made in GitHub's UI. */
export function markerComment(itemId: string): string {
  return `<!-- remediation:${itemId} -->`;
}

export function itemIdFromBody(body: string | null | undefined): string | null {
  return body?.match(MARKER_PATTERN)?.[1] ?? null;
}

/** closed+completed (or no reason, as before GitHub had reasons) is done; not_planned and duplicate are won't do. */
export function stateOf(state: string, stateReason: string | null | undefined): TicketState {
  if (state !== 'closed') return 'open';
  return stateReason === 'not_planned' || stateReason === 'duplicate' ? 'wont_do' : 'done';
}

/** "owner/repo" from `repository_url` (…/repos/owner/repo on github.com and on Enterprise's /api/v3). */
export function repoFromUrl(repositoryUrl: string): string {
  const match = repositoryUrl.match(/\/repos\/([^/]+)\/([^/]+)\/?$/);
  return match ? `${match[1]}/${match[2]}` : '';
}

function labelNames(labels: GithubIssueJson['labels'] | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
}

export function toTrackerIssue(issue: GithubIssueJson, repo = repoFromUrl(issue.repository_url)): TrackerIssue {
  return {
    key: `${repo}#${issue.number}`,
    number: issue.number,
    project: repo,
    url: issue.html_url,
    title: issue.title,
    externalStatus: issue.state,
    state: stateOf(issue.state, issue.state_reason),
    closeReason: issue.state === 'closed' ? (issue.state_reason ?? null) : null,
    assignee: issue.assignee?.login ?? null,
    // GitHub issues have no due date; ours lives in the database and the body.
    dueDate: null,
    labels: labelNames(issue.labels),
    updatedAt: issue.updated_at,
    itemId: itemIdFromBody(issue.body),
  };
}

/** The issue body in GitHub Markdown, ending with the hidden marker. */
export function issueBody(input: CreateTicketInput): string {
  const lines = [
    input.description?.trim() || null,
    `**Success criteria:** ${input.successCriteria.trim()}`,
    [`**Due:** ${input.dueDate}`, `**Priority:** ${input.priority}`, `**Owner:** ${input.ownerName}`].join(' · '),
    `**Postmortem:** [${input.postmortemTitle.replace(/[[\]]/g, '')}](${markdownUrl(input.postmortemUrl)})`,
    markerComment(input.itemId),
  ];
  return lines.filter(Boolean).join('\n\n');
}

/** Parentheses and spaces would end a Markdown link target early. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function issueLabels(input: CreateTicketInput, connectionLabels: readonly string[]): string[] {
  return [
    ...new Set(['postmortem', ...connectionLabels, ...(input.labels ?? [])].map((l) => l.trim()).filter(Boolean)),
  ];
}

/** Accepts "owner/repo#12", "#12" or "12" (the latter two with a default repository). */
export function parseIssueRef(
  keyOrNumber: string,
  defaultRepo: string | null | undefined,
): { owner: string; repo: string; number: number } | null {
  const match = keyOrNumber.trim().match(/^(?:([\w.-]+)\/([\w.-]+))?#?(\d+)$/);
  if (!match) return null;
  const [owner, repo] = match[1] ? [match[1], match[2]] : (defaultRepo?.split('/') ?? []);
  const number = Number(match[3]);
  return owner && repo && Number.isSafeInteger(number) && number > 0 ? { owner, repo, number } : null;
}

/** An `issues` webhook delivery (see github-webhooks-issues.json): the fields we use. */
export interface GithubIssuesWebhook {
  action: string;
  issue: GithubIssueJson;
  repository: { full_name: string };
  sender: { login: string };
  changes?: { new_repository?: { full_name?: string }; new_issue?: { number?: number } };
}

/** The fields of a delivery's issue that its state depends on; GitHub leaves some out (pinned, unpinned). */
const STATE_FIELDS = ['state', 'assignee', 'updated_at'] as const;

export interface GithubWebhookChange {
  action: string;
  /** Fields the delivery's issue lacks: its state cannot be read from the payload, only from GitHub. */
  missing: string[];
  /** The ticket left the repository (deleted or transferred). */
  gone: boolean;
  /** The login that caused the event, to ignore our own echoes. */
  actor: string;
  issue: TrackerIssue;
}

export function parseGithubWebhook(payload: GithubIssuesWebhook): GithubWebhookChange {
  if (!payload?.issue || !payload.repository?.full_name)
    throw new Error('not a GitHub issues webhook: issue or repository missing');
  const issue = payload.issue as unknown as Record<string, unknown>;
  return {
    action: payload.action,
    missing: STATE_FIELDS.filter((f) => issue[f] === undefined),
    gone: payload.action === 'deleted' || payload.action === 'transferred',
    actor: payload.sender?.login ?? '',
    issue: toTrackerIssue(payload.issue, payload.repository.full_name),
  };
}

export function issueFromWebhook(payload: GithubIssuesWebhook): TrackerIssue {
  return parseGithubWebhook(payload).issue;
}
