/**
 * The port every tracker adapter implements. Services see only this file's types;
 * only adapters import a vendor SDK. It is also the DI token.
 */
export type TrackerKind = 'jira' | 'github';
export type TrackerFlavor = 'cloud' | 'datacenter' | 'github.com' | 'enterprise';
export type TrackerErrorCode = 'NOT_FOUND' | 'RATE_LIMITED' | 'TEMPORARY' | 'FORBIDDEN' | 'CONFLICT' | 'UNKNOWN';

export class TrackerError extends Error {
  constructor(
    readonly code: TrackerErrorCode,
    message: string,
    /** Milliseconds to wait before trying again, when the tracker said so. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TrackerError';
  }
}

export interface TrackerConnectionConfig {
  id: string;
  kind: TrackerKind;
  name: string;
  /** Jira site URL (https://acme.atlassian.net) or GitHub API URL (https://api.github.com). */
  baseUrl: string;
  flavor: TrackerFlavor;
  /** Jira Cloud: account email. */
  email?: string | null;
  /** Jira Cloud API token, Jira DC personal access token, or GitHub token. */
  token: string;
  /** Jira project key or GitHub owner/repo. */
  defaultProject?: string | null;
  /** Labels put on every ticket besides `postmortem`. */
  labels: string[];
  /** Per-request timeout; default 10 s. */
  requestTimeoutMs?: number;
  /** Minimum spacing of content-creating requests (GitHub: 1000 ms). */
  minWriteIntervalMs?: number;
  /** Upper bound on one wait for Retry-After/backoff inside an adapter call. */
  maxRetryWaitMs?: number;
  /** Retries of idempotent requests on 5xx/timeouts/429 (default 4). */
  maxRetries?: number;
}

export type TicketState = 'open' | 'done' | 'wont_do';

/** A ticket in our own words. */
export interface TrackerIssue {
  /** Jira key (OPS-12) or GitHub "owner/repo#12". */
  key: string;
  /** GitHub issue number; null for Jira. */
  number: number | null;
  /** Jira project key or GitHub owner/repo. */
  project: string;
  url: string;
  title: string;
  /** The tracker's own status text ("In Progress", "open", "closed"). */
  externalStatus: string;
  state: TicketState;
  /** Why a closed ticket was closed: GitHub's state_reason ("not_planned"), Jira's resolution ("Won't Do"). */
  closeReason?: string | null;
  /** Jira accountId (Cloud) / name (DC) / GitHub login of the assignee. */
  assignee: string | null;
  /** Jira duedate; always null on GitHub. */
  dueDate: string | null;
  labels: string[];
  updatedAt: string;
  /** The action item id carried by the ticket's marker, if any. */
  itemId: string | null;
}

export interface CreateTicketInput {
  itemId: string;
  project: string;
  title: string;
  description?: string | null;
  successCriteria: string;
  dueDate: string;
  priority: 'critical' | 'high' | 'medium' | 'low';
  ownerName: string;
  /** The owner's identity on this tracker, or null to leave unassigned. */
  assignee: string | null;
  postmortemTitle: string;
  postmortemUrl: string;
  /** Labels besides the connection's own (`postmortem` is always added). */
  labels?: string[];
}

export interface ListChangedInput {
  project: string;
  /** Only issues carrying this label. */
  label: string;
  /** Only issues updated at or after this time; null for a full listing. */
  since: Date | null;
  /** GitHub: the ETag of the previous identical listing. */
  etag?: string | null;
}

export interface ListChangedResult {
  issues: TrackerIssue[];
  /** GitHub: true when the tracker answered 304 Not Modified. */
  notModified: boolean;
  etag: string | null;
  /** HTTP requests this call made (for metrics and the benchmark). */
  requests: number;
}

export abstract class IssueTracker {
  abstract readonly kind: TrackerKind;
  /** Checks credentials and that the default project/repository is reachable. */
  abstract testConnection(project?: string): Promise<{ user: string; project: string | null }>;
  /** Creates a ticket carrying the item's marker. Never retried internally. */
  abstract createIssue(input: CreateTicketInput): Promise<TrackerIssue>;
  /** Finds a ticket carrying the item's marker created at or after `since`, or null. */
  abstract findByMarker(project: string, itemId: string, since: Date): Promise<TrackerIssue | null>;
  /** Fetches one ticket; NOT_FOUND when it was deleted or moved away. */
  abstract getIssue(keyOrNumber: string, project?: string): Promise<TrackerIssue>;
  /** Lists tickets with the label changed since a time, batched (never one request per item). */
  abstract listChanged(input: ListChangedInput): Promise<ListChangedResult>;
  abstract addComment(issue: TrackerIssue, text: string): Promise<void>;
  /**
   * Adds the labels the ticket lacks (keeping the others), so a linked ticket shows up in
   * the labelled listings sync uses. Returns the ticket as it is afterwards.
   */
  abstract ensureLabels(issue: TrackerIssue, labels: readonly string[]): Promise<TrackerIssue>;
  /** Closes a ticket as done or won't do. */
  abstract close(issue: TrackerIssue, as: 'done' | 'wont_do'): Promise<void>;
  /** The identity the adapter acts as, to ignore our own changes in webhooks. */
  abstract selfIdentity(): Promise<string>;
}
