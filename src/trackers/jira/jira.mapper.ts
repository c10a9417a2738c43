import type { CreateTicketInput, TicketState, TrackerIssue } from '../issue-tracker.js';
import type {
  JiraFlavor,
  JiraIssue,
  JiraIssueFields,
  JiraRemoteLink,
  JiraTransition,
  JiraUser,
} from './jira.client.js';

/** The fields every read asks for: Cloud's search returns only `id` unless told. */
export const ISSUE_FIELDS = [
  'summary',
  'status',
  'resolution',
  'assignee',
  'duedate',
  'labels',
  'updated',
  'created',
  'project',
] as const;

/** Issue property carrying `{ itemId }`: a human can copy a label (Clone does), not a property. */
export const MARKER_PROPERTY = 'remediation';

const MARKER_LABEL_PREFIX = 'remediation-';

/** Resolutions that close an issue without doing it. Names, because ids differ per instance. */
export const WONT_DO_RESOLUTIONS = ["Won't Do", "Won't Fix", 'Duplicate', 'Cannot Reproduce', 'Declined'];

/** Preferred resolution names when we close as won't do, best first. */
const WONT_DO_CHOICES = ["Won't Do", "Won't Fix", 'Declined'];

export const JIRA_PRIORITIES: Record<CreateTicketInput['priority'], string> = {
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export interface JiraMapContext {
  baseUrl: string;
  flavor: JiraFlavor;
}

export function markerLabel(itemId: string): string {
  return `${MARKER_LABEL_PREFIX}${itemId}`;
}

export function itemIdFromMarkerLabel(labels: readonly string[] | undefined): string | null {
  const label = labels?.find((l) => l.startsWith(MARKER_LABEL_PREFIX));
  return label ? label.slice(MARKER_LABEL_PREFIX.length) : null;
}

export function itemIdFromProperty(issue: Pick<JiraIssue, 'properties'>): string | null {
  const value = issue.properties?.[MARKER_PROPERTY] as { itemId?: unknown } | undefined;
  return typeof value?.itemId === 'string' ? value.itemId : null;
}

/** Jira labels cannot hold spaces; a space would fail the whole create. */
export function jiraLabel(label: string): string {
  return label.trim().replace(/\s+/g, '-').slice(0, 255);
}

/** Done iff the status category is done; a won't-do style resolution makes it wont_do. */
export function stateOf(fields: Pick<JiraIssueFields, 'status' | 'resolution'>): TicketState {
  if (fields.status?.statusCategory?.key !== 'done') return 'open';
  const resolution = fields.resolution?.name?.toLowerCase();
  return resolution && WONT_DO_RESOLUTIONS.some((r) => r.toLowerCase() === resolution) ? 'wont_do' : 'done';
}

/** Cloud identifies people by accountId; Data Center by user name. */
export function userIdentity(user: JiraUser | null | undefined, flavor: JiraFlavor): string | null {
  if (!user) return null;
  return (flavor === 'cloud' ? user.accountId : (user.name ?? user.key)) ?? null;
}

export function assigneeField(assignee: string, flavor: JiraFlavor): JiraUser {
  return flavor === 'cloud' ? { accountId: assignee } : { name: assignee };
}

export function browseUrl(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/browse/${key}`;
}

/** Jira sends `2024-05-01T10:00:00.000+0000`; we keep ISO 8601 in UTC. */
export function isoTime(jiraTime: string | undefined): string {
  if (!jiraTime) return '';
  const parsed = new Date(jiraTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed.getTime()) ? jiraTime : parsed.toISOString();
}

export function toTrackerIssue(issue: JiraIssue, ctx: JiraMapContext): TrackerIssue {
  const f = issue.fields ?? {};
  return {
    key: issue.key,
    number: null,
    project: f.project?.key ?? issue.key.replace(/-\d+$/, ''),
    url: browseUrl(ctx.baseUrl, issue.key),
    title: f.summary ?? '',
    externalStatus: f.status?.name ?? '',
    state: stateOf(f),
    closeReason: stateOf(f) === 'open' ? null : (f.resolution?.name ?? null),
    assignee: userIdentity(f.assignee, ctx.flavor),
    dueDate: f.duedate ?? null,
    labels: f.labels ?? [],
    updatedAt: isoTime(f.updated),
    itemId: itemIdFromProperty(issue) ?? itemIdFromMarkerLabel(f.labels),
  };
}

export type JiraWebhookEvent = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';

export interface JiraWebhookPayload {
  /** One of {@link JiraWebhookEvent}, or another event name we ignore. */
  webhookEvent: string;
  timestamp?: number;
  user?: JiraUser;
  issue: JiraIssue;
  changelog?: { items?: Array<{ field?: string; fromString?: string | null; toString?: string | null }> };
}

/** The issue fields its state depends on; a delivery without one of them is re-read from Jira. */
const STATE_FIELDS = ['status', 'assignee', 'updated'] as const;

export interface JiraWebhookChange {
  event: string;
  /** Fields the delivery's issue lacks: its state cannot be read from the payload, only from Jira. */
  missing: string[];
  deleted: boolean;
  /** Who made the change, in the same identity as selfIdentity(), to ignore our own echoes. */
  actor: string | null;
  issue: TrackerIssue;
}

/** Reads an admin webhook delivery (`jira:issue_*`). */
export function parseJiraWebhook(
  payload: JiraWebhookPayload,
  baseUrl: string,
  flavor: JiraFlavor = 'cloud',
): JiraWebhookChange {
  if (!payload?.issue?.key) throw new Error('not a Jira issue webhook: no issue.key');
  const fields = (payload.issue.fields ?? {}) as Record<string, unknown>;
  return {
    event: payload.webhookEvent,
    missing: STATE_FIELDS.filter((f) => fields[f] === undefined),
    deleted: payload.webhookEvent === 'jira:issue_deleted',
    actor: userIdentity(payload.user, flavor),
    issue: toTrackerIssue(payload.issue, { baseUrl, flavor }),
  };
}

export function issueFromWebhook(
  payload: JiraWebhookPayload,
  baseUrl: string,
  flavor: JiraFlavor = 'cloud',
): TrackerIssue {
  return parseJiraWebhook(payload, baseUrl, flavor).issue;
}

/** Escapes the characters that would end a wiki-markup link or table cell. */
function wikiText(text: string): string {
  return text.replace(/([|[\]{}])/g, '\\$1');
}

/** The description in wiki markup: `/rest/api/2` takes plain text on Cloud and Data Center alike. */
export function descriptionWiki(input: CreateTicketInput): string {
  const parts = [
    input.description?.trim() || null,
    `h3. Success criteria\n${input.successCriteria.trim()}`,
    [
      `||Due date|${input.dueDate}|`,
      `||Priority|${input.priority}|`,
      `||Owner|${wikiText(input.ownerName)}|`,
      `||Postmortem|[${wikiText(input.postmortemTitle)}|${input.postmortemUrl}]|`,
    ].join('\n'),
    `_Filed by the remediation tracker (item ${input.itemId})._`,
  ];
  return parts.filter(Boolean).join('\n\n');
}

export function createFields(
  input: CreateTicketInput,
  ctx: { flavor: JiraFlavor; issueType: string; connectionLabels: readonly string[] },
): Record<string, unknown> {
  const labels = [
    ...new Set(
      ['postmortem', ...ctx.connectionLabels, ...(input.labels ?? []), markerLabel(input.itemId)]
        .map(jiraLabel)
        .filter(Boolean),
    ),
  ];
  return {
    project: { key: input.project },
    issuetype: { name: ctx.issueType },
    summary: input.title.slice(0, 255),
    description: descriptionWiki(input),
    labels,
    duedate: input.dueDate.slice(0, 10),
    priority: { name: JIRA_PRIORITIES[input.priority] },
    ...(input.assignee ? { assignee: assigneeField(input.assignee, ctx.flavor) } : {}),
  };
}

/** Fields a project may keep off its create screen; Jira then rejects the whole create with a 400. */
export const DROPPABLE_CREATE_FIELDS = ['priority', 'duedate', 'assignee'];

export function postmortemLink(
  input: Pick<CreateTicketInput, 'itemId' | 'postmortemTitle' | 'postmortemUrl'>,
): JiraRemoteLink {
  return {
    // Stable per item: posting it again updates the link instead of adding a second one.
    globalId: `remediation-tracker:item:${input.itemId}:postmortem`,
    application: { type: 'remediation-tracker', name: 'Remediation tracker' },
    relationship: 'postmortem',
    object: {
      url: input.postmortemUrl,
      title: input.postmortemTitle.slice(0, 255),
      summary: 'Postmortem this action item came from',
    },
  };
}

const WONT_DO_STATUS_NAME = /won'?t|cancel|declin|reject|obsolete/i;

/** A transition into the done category; for wont_do one whose target looks like "Won't Do" if the workflow has it. */
export function closingTransition(
  transitions: readonly JiraTransition[],
  as: 'done' | 'wont_do',
): JiraTransition | null {
  const closing = transitions.filter((t) => t.to?.statusCategory?.key === 'done');
  const looksWontDo = (t: JiraTransition) =>
    WONT_DO_STATUS_NAME.test(t.to?.name ?? '') || WONT_DO_STATUS_NAME.test(t.name);
  const preferred = as === 'wont_do' ? closing.find(looksWontDo) : closing.find((t) => !looksWontDo(t));
  return preferred ?? closing[0] ?? null;
}

/** The resolution to send with the transition, or null when the screen has none we can use. */
export function resolutionFor(transition: JiraTransition, as: 'done' | 'wont_do'): string | null {
  const allowed = (transition.fields?.resolution?.allowedValues ?? [])
    .map((v) => v.name)
    .filter((n): n is string => !!n);
  if (!allowed.length) return null;
  const byName = (name: string) => allowed.find((a) => a.toLowerCase() === name.toLowerCase()) ?? null;
  if (as === 'wont_do') return WONT_DO_CHOICES.map(byName).find((n) => n !== null) ?? null;
  return (
    byName('Done') ??
    byName('Fixed') ??
    allowed.find((a) => !WONT_DO_RESOLUTIONS.some((w) => w.toLowerCase() === a.toLowerCase())) ??
    null
  );
}

/** `"value"` with JQL's escapes. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A JQL date literal. JQL reads "yyyy-MM-dd HH:mm" in the searching user's time zone, at
 * minute precision, so we format in that zone and round down; callers filter exactly after.
 */
export function jqlDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `"${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}"`;
}
