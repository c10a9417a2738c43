import type { TrackerFlavor, TrackerIssue, TrackerKind } from './issue-tracker.js';

/** The person fields that carry tracker identities. */
export interface TrackerIdentities {
  githubLogin: string | null;
  jiraAccountId: string | null;
  jiraUsername: string | null;
}

/** What a connection's shape check sees (create and update requests, environment defaults). */
export interface ConnectionShape {
  flavor?: string | null;
  email?: string | null;
  defaultProject?: string | null;
}

/** A pasted ticket reference, as its kind read it: only that kind's describeRef looks inside. */
export interface TicketRef {
  readonly kind: TrackerKind;
}

/** A pasted ticket reference in neutral terms. */
export interface TicketRefInfo {
  /** The key the tracker gives the ticket (OPS-12, acme/api#12). */
  key: string;
  /** Where it lives: Jira project key or GitHub owner/repo. */
  target: string;
  /** The host (with a non-default port) the reference names; null when any connection of the kind may hold it. */
  host: string | null;
  /** Jira: the site URL the reference names, to tell Data Center sites on one host apart. */
  baseUrl: string | null;
}

/**
 * What one webhook delivery means for the ticket it is about, in tracker-neutral terms: its
 * state to apply (`incomplete` when the payload lacks a field the state depends on, so it is
 * re-read), or the ticket gone from under the key the item knows (deleted, transferred, moved).
 */
export type WebhookChange =
  | { kind: 'apply'; key: string; actor: string | null; issue: TrackerIssue; incomplete?: boolean }
  | { kind: 'missing'; key: string; actor: string | null; reason: string };

/** A received webhook delivery, as a kind reads it. */
export interface IncomingDelivery {
  /** A header's value (the name in any case), undefined when absent. */
  header(name: string): string | undefined;
  /** The body as a JSON object; a 400 when it is missing, not JSON or not an object. */
  json(): Record<string, unknown>;
}

/** How a kind that takes unsigned deliveries tells which site sent one. */
export interface UnsignedDeliveries {
  /** The payload field naming the site, for messages ("issue.self"). */
  readonly siteField: string;
  /** The origin of the site the payload names, or null; compared with the origins of connections' base URLs. */
  siteOf(payload: Record<string, unknown>): string | null;
}

/** How a kind's delivery route is described in the OpenAPI document. */
export interface WebhookDocs {
  readonly summary: string;
  /** What the body is. */
  readonly body: string;
  readonly examples: Record<string, { value: Record<string, unknown> }>;
  readonly headers: ReadonlyArray<{ name: string; required: boolean; description: string }>;
  /** How the ignored answer names the event ("<event>"). */
  readonly eventPlaceholder: string;
  /** When a delivery is refused with 401. */
  readonly unauthorized: string;
}

/**
 * A kind's webhook deliveries: where the signature, event and delivery id are, which events
 * matter and what a payload means. The intake checks them in the same order for every kind.
 */
export interface KindWebhooks {
  /** The header with `sha256=<hex HMAC-SHA256 of the raw body>` under a connection's webhook secret. */
  readonly signatureHeader: string;
  /**
   * Absent when every delivery must be signed. Otherwise an unsigned delivery is taken for the
   * connections without a secret on the site it names, as a hint to re-read the ticket and
   * never applied as it is; a site whose connection has a secret must sign.
   */
  readonly unsigned?: UnsignedDeliveries;
  /** The header with the delivery's id; when it is not required and absent, the body's SHA-256 is the id. */
  readonly deliveryIdHeader: { readonly name: string; readonly required: boolean };
  /** The event a delivery reports ('' when it names none); a 400 when the kind requires one and it is missing. */
  eventOf(delivery: IncomingDelivery): string;
  /** Whether an event can change a ticket; other deliveries are acknowledged and ignored. */
  isRelevantEvent(event: string): boolean;
  /** Why a relevant delivery's payload cannot be processed ("is not an issues delivery: …"), or null. */
  payloadProblem(payload: Record<string, unknown>): string | null;
  /** What an accepted delivery means; throws when the payload cannot be read. */
  change(payload: Record<string, unknown>, conn: { baseUrl: string; flavor: TrackerFlavor }): WebhookChange;
  readonly docs: WebhookDocs;
}

/**
 * What differs between tracker kinds without a connection: naming, identities, key rules,
 * connection shapes, pasted references, webhook deliveries. Each kind's folder implements it;
 * the registry picks one, so no service branches on the kind.
 */
export interface TrackerKindSpec {
  readonly kind: TrackerKind;
  /** Jira, GitHub. */
  readonly name: string;
  /** What a person record needs to be assignable here: "Jira account", "GitHub login". */
  readonly identityNoun: string;
  /** The request field naming a ticket's target on this kind. */
  readonly targetField: 'project' | 'repo';
  /** How messages name a target: "Jira project", "GitHub repository". */
  readonly targetNoun: string;
  readonly flavors: readonly TrackerFlavor[];
  /** The first problem with a connection's shape for this kind, or null. */
  shapeProblem(c: ConnectionShape): { field: string; problem: string } | null;
  /** The person's identity on this tracker (to assign tickets), or null. */
  identityOf(p: TrackerIdentities): string | null;
  /** Whether the identity a ticket names is this person's. */
  isPerson(p: TrackerIdentities, identity: string): boolean;
  /** Whether two identities are the same account (Jira Cloud account ids are exact; names ignore case). */
  sameIdentity(a: string, b: string, flavor: TrackerFlavor): boolean;
  /** Whether ticket keys compare without case (GitHub owner and repository names). */
  readonly keysIgnoreCase: boolean;
  /** The host a connection serves (Jira's site, GitHub's API host), or null when its URL is unusable. */
  connectionHost(c: { baseUrl: string; flavor: TrackerFlavor }): string | null;
  /** A pasted reference (trimmed) of this kind: a link or the kind's shorthand; null when it is not one. */
  parseRef(text: string): TicketRef | null;
  /** A pasted reference of this kind, in neutral terms. */
  describeRef(ref: TicketRef): TicketRefInfo;
  readonly webhooks: KindWebhooks;
}

/** The host of a URL with its non-default port, lower case; null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The text as an http(s) URL, or null. */
export function httpUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

/** The origin of a URL (scheme, host, non-default port), or null when it is not one. */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
