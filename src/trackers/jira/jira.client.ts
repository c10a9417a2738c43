import JiraApi from 'jira-client';
import { TrackerError } from '../issue-tracker.js';
import { type RetryPolicy, type Sleep, withRetries } from '../http/retry.js';
import { timedFetch } from '../http/timed-fetch.js';
import { trackerErrorFromNetwork, trackerErrorFromStatus } from '../http/tracker-http-error.js';

export type JiraFlavor = 'cloud' | 'datacenter';

/** The parts of Jira's issue JSON we read. */
export interface JiraUser {
  accountId?: string;
  name?: string;
  key?: string;
  displayName?: string;
  emailAddress?: string;
  timeZone?: string;
}

export interface JiraStatus {
  name: string;
  statusCategory?: { key?: string; name?: string };
}

export interface JiraIssueFields {
  summary?: string;
  status?: JiraStatus;
  resolution?: { name: string } | null;
  assignee?: JiraUser | null;
  duedate?: string | null;
  labels?: string[];
  updated?: string;
  created?: string;
  project?: { key: string };
}

export interface JiraIssue {
  id: string;
  key: string;
  self?: string;
  fields: JiraIssueFields;
  properties?: Record<string, unknown>;
}

export interface JiraTransition {
  id: string;
  name: string;
  to?: JiraStatus;
  fields?: Record<string, { required?: boolean; allowedValues?: Array<{ id?: string; name?: string }> }>;
}

export interface JiraRemoteLink {
  globalId: string;
  application?: { type?: string; name?: string };
  relationship?: string;
  object: { url: string; title: string; summary?: string };
}

export interface JiraClientConfig {
  baseUrl: string;
  flavor: JiraFlavor;
  /** Cloud: account email, used with the API token as Basic credentials. */
  email?: string | null;
  /** Cloud API token or Data Center personal access token. */
  token: string;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  sleep?: Sleep;
}

/** One page of a search, whichever paging the flavour uses. */
interface SearchPage {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
  startAt?: number;
  total?: number;
}

/** jira-client methods the type definitions mark private but the library documents for custom calls. */
interface JiraApiInternals {
  doRequest(options: object): Promise<unknown>;
  makeRequestHeader(uri: string, options?: object): object;
  makeUri(options: { pathname: string; query?: Record<string, string> }): string;
}

/** What jira-client hands its `request` function (the postman-request option names). */
interface JiraRequestOptions {
  uri: string;
  method?: string;
  body?: unknown;
  auth?: { user?: string; pass?: string; bearer?: string };
}

/**
 * jira-client turns a rejected request into `new Error(JSON.stringify(e))`, losing the status
 * and Retry-After. Our transport therefore resolves failures as this sentinel, which
 * jira-client passes through untouched, and the client rethrows the TrackerError inside.
 */
class FailedCall {
  constructor(readonly error: TrackerError) {}
}

/** A Jira HTTP failure keeping the per-field `errors` of its ErrorCollection (what a 400 on create rejects). */
export class JiraRequestError extends TrackerError {
  constructor(
    base: TrackerError,
    readonly fieldErrors: Record<string, string>,
  ) {
    super(base.code, base.message, base.retryAfterMs, base.status);
  }
}

const SEARCH_PAGE_SIZE = 100;

/** Wraps jira-client: our own transport (status, headers, timeouts) and retries of idempotent calls. */
export class JiraClient {
  private readonly api: JiraApi;
  private readonly internals: JiraApiInternals;

  constructor(private readonly config: JiraClientConfig) {
    const url = new URL(config.baseUrl);
    const auth =
      config.flavor === 'cloud' ? { username: config.email ?? '', password: config.token } : { bearer: config.token };
    this.api = new JiraApi({
      protocol: url.protocol.replace(':', ''),
      host: url.hostname,
      port: url.port || undefined,
      base: url.pathname.replace(/\/+$/, ''),
      apiVersion: '2',
      // Our transport is fetch, which always verifies certificates; a private CA goes in NODE_EXTRA_CA_CERTS.
      strictSSL: true,
      request: jiraTransport(config.requestTimeoutMs),
      ...auth,
    });
    this.internals = this.api as unknown as JiraApiInternals;
  }

  myself(): Promise<JiraUser> {
    return this.read(() => this.api.getCurrentUser());
  }

  getProject(key: string): Promise<{ key: string; name?: string }> {
    return this.read(() => this.api.getProject(key));
  }

  getIssue(key: string, fields: readonly string[], properties: readonly string[]): Promise<JiraIssue> {
    return this.read(() => this.api.findIssue(key, '', fields.join(','), properties.join(',')));
  }

  async listTransitions(key: string): Promise<JiraTransition[]> {
    const result = await this.read<{ transitions?: JiraTransition[] }>(() => this.api.listTransitions(key));
    return result.transitions ?? [];
  }

  /** Every issue matching the JQL, following the flavour's paging to the end. */
  async searchAll(jql: string, fields: readonly string[], properties: readonly string[]): Promise<JiraIssue[]> {
    const all: JiraIssue[] = [];
    let cursor: { nextPageToken?: string; startAt: number } = { startAt: 0 };
    for (;;) {
      const page = await this.read<SearchPage>(() => this.searchPage(jql, fields, properties, cursor));
      all.push(...page.issues);
      if (this.config.flavor === 'cloud') {
        if (page.isLast === true || !page.nextPageToken) return all;
        cursor = { ...cursor, nextPageToken: page.nextPageToken };
      } else {
        // Advance by what came back: Data Center caps maxResults server-side.
        const startAt = (page.startAt ?? cursor.startAt) + page.issues.length;
        if (page.issues.length === 0 || startAt >= (page.total ?? 0)) return all;
        cursor = { startAt };
      }
    }
  }

  /** Never retried: a lost response does not mean the issue was not created. */
  createIssue(fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
    return this.once(() => this.api.addNewIssue({ fields }));
  }

  /** Not retried: a second attempt after a lost response fails, the status having moved. */
  async transition(key: string, transitionId: string, fields?: Record<string, unknown>): Promise<void> {
    await this.once(() =>
      this.api.transitionIssue(key, { transition: { id: transitionId }, ...(fields ? { fields } : {}) }),
    );
  }

  /** Not retried: comments have no idempotency key, a replay would post twice. */
  async addComment(key: string, text: string): Promise<void> {
    await this.once(() => this.api.addComment(key, text));
  }

  /** Sets the whole label list: a PUT of a whole value, idempotent, so retried. */
  async setLabels(key: string, labels: readonly string[]): Promise<void> {
    await this.read(() => this.api.updateIssue(key, { fields: { labels: [...labels] } }));
  }

  /** PUT of a whole value: idempotent, so retried. */
  async setProperty(key: string, property: string, value: unknown): Promise<void> {
    const uri = this.internals.makeUri({ pathname: `/issue/${key}/properties/${property}` });
    await this.read(() =>
      this.internals.doRequest(this.internals.makeRequestHeader(uri, { method: 'PUT', body: value })),
    );
  }

  /** A remote link with a globalId is an upsert, so retrying cannot duplicate it. */
  async upsertRemoteLink(key: string, link: JiraRemoteLink): Promise<void> {
    await this.read(() => this.api.createRemoteLink(key, link));
  }

  private searchPage(
    jql: string,
    fields: readonly string[],
    properties: readonly string[],
    cursor: { nextPageToken?: string; startAt: number },
  ): Promise<unknown> {
    const common = { jql, fields: [...fields], properties: [...properties], maxResults: SEARCH_PAGE_SIZE };
    if (this.config.flavor === 'datacenter') return this.api.searchJira(jql, { ...common, startAt: cursor.startAt });
    // Cloud removed /search (410 Gone); its replacement pages with an opaque token.
    const body = cursor.nextPageToken ? { ...common, nextPageToken: cursor.nextPageToken } : common;
    const uri = this.internals.makeUri({ pathname: '/search/jql' });
    return this.internals.doRequest(this.internals.makeRequestHeader(uri, { method: 'POST', body }));
  }

  private read<T>(call: () => Promise<unknown>): Promise<T> {
    return withRetries(() => this.once<T>(call), this.config.retry, this.config.sleep);
  }

  private async once<T>(call: () => Promise<unknown>): Promise<T> {
    let result: unknown;
    try {
      result = await call();
    } catch (error) {
      // Only jira-client's own checks (errorMessages in a 2xx body) end up here.
      throw new TrackerError('UNKNOWN', `Jira: ${(error as Error).message}`);
    }
    if (result instanceof FailedCall) throw result.error;
    return result as T;
  }
}

/** The `request` function handed to jira-client: does the HTTP itself and keeps status and headers. */
function jiraTransport(timeoutMs: number): (options: JiraRequestOptions) => Promise<unknown> {
  const fetchWithDeadline = timedFetch(timeoutMs);
  return async (options) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const authorization = authorizationHeader(options.auth);
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      const response = await fetchWithDeadline(options.uri, { method: options.method ?? 'GET', headers, body });
      const text = await response.text();
      if (!response.ok) return new FailedCall(jiraHttpError(response.status, response.headers, text));
      return text ? (JSON.parse(text) as unknown) : undefined;
    } catch (error) {
      return new FailedCall(trackerErrorFromNetwork(error, timeoutMs));
    }
  };
}

function authorizationHeader(auth: JiraRequestOptions['auth']): string | undefined {
  if (auth?.bearer) return `Bearer ${auth.bearer}`;
  if (auth?.user) return `Basic ${Buffer.from(`${auth.user}:${auth.pass ?? ''}`).toString('base64')}`;
  return undefined;
}

/** Jira's ErrorCollection (`errorMessages` + per-field `errors`) turned into our error, fields kept. */
function jiraHttpError(status: number, headers: Headers, text: string): JiraRequestError {
  let collection: { errorMessages?: string[]; errors?: Record<string, string> } = {};
  try {
    collection = (JSON.parse(text) as typeof collection | null) ?? {};
  } catch {
    // Not JSON (an HTML page from a proxy or SSO): the raw text is the best detail we have.
  }
  const fieldErrors = collection.errors ?? {};
  const messages = [
    ...(collection.errorMessages ?? []),
    ...Object.entries(fieldErrors).map(([field, message]) => `${field}: ${message}`),
  ];
  const detail = messages.length ? messages.join('; ') : text.slice(0, 200) || 'no body';
  return new JiraRequestError(trackerErrorFromStatus(status, headers, detail), fieldErrors);
}
