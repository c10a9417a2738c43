import {
  FakeClock,
  FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  header,
  queryValue,
  type Route,
} from './fake-http.js';
import { JqlError, type JqlQuery, parseJql } from './fake-jql.js';
import { OpenApiValidator } from './openapi-validator.js';

export type FakeJiraFlavor = 'cloud' | 'datacenter';
export type FakeJiraStatus = 'todo' | 'in_progress' | 'done';

export interface FakeJiraOptions {
  flavor: FakeJiraFlavor;
  /** Cloud: the account email paired with the API token. */
  email?: string;
  /** Cloud API token or Data Center personal access token the fake accepts. */
  token?: string;
  /** Projects that exist. Default ['OPS']. */
  projects?: string[];
  /** The bot's profile time zone: Jira reads JQL dates in it. Default Europe/Berlin. */
  timeZone?: string;
  /** New issues stay invisible to search this long (Cloud's index lag). Default 0. */
  searchLagMs?: number;
  /** Server-side cap on a search page. Default 100 (Cloud with fields) or 1000 (Data Center). */
  maxResultsCap?: number;
  /** Whether the Done transition's screen offers a resolution. Default true. */
  resolutionOnCloseScreen?: boolean;
  /** Fields the create screen lacks: a create that sets them is rejected with 400. */
  fieldsOffCreateScreen?: string[];
}

export interface FakeJiraIssue {
  id: string;
  key: string;
  project: string;
  summary: string;
  description: string;
  issuetype: string;
  labels: string[];
  /** accountId (Cloud) or user name (Data Center). */
  assignee: string | null;
  duedate: string | null;
  priority: string;
  status: FakeJiraStatus;
  resolution: string | null;
  created: Date;
  updated: Date;
  properties: Map<string, unknown>;
  comments: Array<{ id: string; body: string; author: string; created: Date }>;
  remoteLinks: Array<{
    id: number;
    globalId?: string;
    relationship?: string;
    application?: unknown;
    object: { url: string; title: string };
  }>;
  /** Real time from which search sees the issue. */
  searchableFrom: number;
  deleted: boolean;
}

interface User {
  identity: string;
  displayName: string;
}

const STATUSES: Record<
  FakeJiraStatus,
  { id: string; name: string; category: { id: number; key: string; colorName: string; name: string } }
> = {
  todo: { id: '10000', name: 'To Do', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  in_progress: {
    id: '3',
    name: 'In Progress',
    category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  },
  done: { id: '10001', name: 'Done', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
};
const TRANSITIONS: Array<{ id: string; name: string; to: FakeJiraStatus }> = [
  { id: '11', name: 'To Do', to: 'todo' },
  { id: '21', name: 'In Progress', to: 'in_progress' },
  { id: '31', name: 'Done', to: 'done' },
];
const RESOLUTIONS: Record<string, string> = {
  Done: '10000',
  "Won't Do": '10001',
  Duplicate: '10002',
  'Cannot Reproduce': '10003',
};
const PRIORITIES: Record<string, string> = { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '5' };
const ISSUE_TYPES: Record<string, string> = { Task: '10001', Bug: '10004', Story: '10002' };
const CREATABLE_FIELDS = new Set([
  'project',
  'summary',
  'description',
  'issuetype',
  'labels',
  'assignee',
  'duedate',
  'priority',
]);
const NOT_FOUND = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };

/**
 * An in-memory Jira speaking REST API v2 (and v3 paths): Cloud mode has only
 * `/search/jql` with nextPageToken paging (the old `/search` answers 410 Gone), Data Center
 * mode has `/search` with startAt/total. Validated against the Cloud v3 description.
 */
export class FakeJira {
  readonly http: FakeHttpServer;
  readonly clock = new FakeClock();
  readonly bot: User;
  private readonly issues = new Map<string, FakeJiraIssue>();
  /** Every key an issue ever had (moves keep the old key answering). */
  private readonly keys = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly projects: Set<string>;
  private readonly users = new Map<string, User>();
  private nextId = 10_000;
  private nextLinkId = 1;
  searchLagMs: number;
  resolutionOnCloseScreen: boolean;
  fieldsOffCreateScreen: string[];

  constructor(private readonly options: FakeJiraOptions) {
    this.projects = new Set(options.projects ?? ['OPS']);
    this.searchLagMs = options.searchLagMs ?? 0;
    this.resolutionOnCloseScreen = options.resolutionOnCloseScreen ?? true;
    this.fieldsOffCreateScreen = options.fieldsOffCreateScreen ?? [];
    this.bot = this.addUser(this.cloud ? '5b10ac8d82e05b22cc7d4ef5' : 'remediation-bot', 'Remediation Bot');
    this.http = new FakeHttpServer({
      name: `Jira ${options.flavor}`,
      routes: this.routes(),
      validator: OpenApiValidator.forDocument('jira-cloud-v3-issues.json', { jiraTimestamps: true }),
      // The v2 paths are the v3 operations with plain-text bodies; the v3 document types
      // `fields` and Comment.body as free-form, so the same schemas hold for both.
      specPath: (path) => path.replace(/^\/rest\/api\/2\//, '/rest/api/3/'),
    });
  }

  get flavor(): FakeJiraFlavor {
    return this.options.flavor;
  }

  get email(): string {
    return this.options.email ?? 'bot@example.com';
  }

  get token(): string {
    return this.options.token ?? 'jira-token';
  }

  get timeZone(): string {
    return this.options.timeZone ?? 'Europe/Berlin';
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  addUser(identity: string, displayName = identity): User {
    const user = { identity, displayName };
    this.users.set(identity, user);
    return user;
  }

  addProject(key: string): void {
    this.projects.add(key);
  }

  // ---- what a person does in the Jira UI -------------------------------------------------

  issue(key: string): FakeJiraIssue | undefined {
    const id = this.keys.get(key.toUpperCase());
    const issue = id ? this.issues.get(id) : undefined;
    return issue && !issue.deleted ? issue : undefined;
  }

  allIssues(project?: string): FakeJiraIssue[] {
    return [...this.issues.values()].filter((i) => !i.deleted && (!project || i.project === project));
  }

  /** Puts an issue straight into the store (visible to search at once), e.g. for paging tests. */
  seedIssue(fields: Partial<Omit<FakeJiraIssue, 'id' | 'key'>> & { project?: string } = {}): FakeJiraIssue {
    const now = this.clock.now();
    return this.store({
      project: fields.project ?? [...this.projects][0],
      summary: 'Seeded issue',
      description: '',
      issuetype: 'Task',
      labels: [],
      assignee: null,
      duedate: null,
      priority: 'Medium',
      status: 'todo',
      resolution: null,
      created: now,
      updated: now,
      properties: new Map(),
      comments: [],
      remoteLinks: [],
      searchableFrom: 0,
      ...fields,
    });
  }

  /** Moves an issue through the workflow as a person would; `done` takes a resolution. */
  transitionAsHuman(key: string, to: FakeJiraStatus, resolution: string | null = to === 'done' ? 'Done' : null): void {
    const issue = this.must(key);
    issue.status = to;
    issue.resolution = to === 'done' ? resolution : null;
    this.touch(issue);
  }

  setAssignee(key: string, identity: string | null): void {
    const issue = this.must(key);
    issue.assignee = identity;
    this.touch(issue);
  }

  setDueDate(key: string, duedate: string | null): void {
    const issue = this.must(key);
    issue.duedate = duedate;
    this.touch(issue);
  }

  setLabels(key: string, labels: string[]): void {
    const issue = this.must(key);
    issue.labels = labels;
    this.touch(issue);
  }

  deleteIssue(key: string): void {
    this.must(key).deleted = true;
  }

  /** Moves the issue to another project; it gets a new key and the old one still resolves to it. */
  moveIssue(key: string, toProject: string): string {
    const issue = this.must(key);
    this.projects.add(toProject);
    issue.project = toProject;
    issue.key = this.nextKey(toProject);
    this.keys.set(issue.key, issue.id);
    this.touch(issue);
    return issue.key;
  }

  /** An admin webhook delivery as Jira would post it for this issue. */
  webhookPayload(
    key: string,
    event: 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted',
    actor: string = this.bot.identity,
  ): Record<string, unknown> {
    const issue = this.must(key, true);
    return {
      timestamp: this.clock.now().getTime(),
      webhookEvent: event,
      issue_event_type_name: event === 'jira:issue_updated' ? 'issue_generic' : event.replace('jira:', ''),
      user: this.userJson(actor, '2'),
      issue: this.issueJson(issue, '2', ['*all'], []),
      changelog:
        event === 'jira:issue_updated'
          ? {
              id: '10100',
              items: [
                {
                  field: 'status',
                  fieldtype: 'jira',
                  from: null,
                  fromString: null,
                  to: STATUSES[issue.status].id,
                  toString: STATUSES[issue.status].name,
                },
              ],
            }
          : undefined,
    };
  }

  // ---- the REST API ----------------------------------------------------------------------

  private get cloud(): boolean {
    return this.options.flavor === 'cloud';
  }

  private routes(): Route[] {
    const api = '/rest/api/{v}';
    const route = (method: string, pattern: string, handler: (req: FakeRequest) => FakeResponse): Route => ({
      method,
      pattern: `${api}${pattern}`,
      handler: (req) => this.authenticated(req) ?? handler(req),
    });
    return [
      route('GET', '/myself', (req) => ({ status: 200, body: this.userJson(this.bot.identity, req.params.v, true) })),
      route('GET', '/project/{key}', (req) => this.getProject(req)),
      route('POST', '/issue', (req) => this.createIssue(req)),
      route('GET', '/issue/{key}', (req) => this.getIssue(req)),
      route('PUT', '/issue/{key}', (req) => this.editIssue(req)),
      route('GET', '/issue/{key}/transitions', (req) => this.listTransitions(req)),
      route('POST', '/issue/{key}/transitions', (req) => this.doTransition(req)),
      route('POST', '/issue/{key}/comment', (req) => this.addComment(req)),
      route('POST', '/issue/{key}/remotelink', (req) => this.upsertRemoteLink(req)),
      route('PUT', '/issue/{key}/properties/{property}', (req) => this.setProperty(req)),
      route('GET', '/issue/{key}/properties/{property}', (req) => this.getProperty(req)),
      route('POST', '/search/jql', (req) => this.searchJql(req)),
      route('POST', '/search', (req) => this.searchOffset(req)),
      route('GET', '/search', (req) => this.searchOffset(req)),
    ];
  }

  private authenticated(req: FakeRequest): FakeResponse | null {
    const expected = this.cloud
      ? `Basic ${Buffer.from(`${this.email}:${this.token}`).toString('base64')}`
      : `Bearer ${this.token}`;
    if (header(req, 'authorization') === expected) return null;
    return {
      status: 401,
      body: {
        errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
        errors: {},
      },
    };
  }

  private getProject(req: FakeRequest): FakeResponse {
    const key = req.params.key.toUpperCase();
    if (!this.projects.has(key))
      return { status: 404, body: { errorMessages: [`No project could be found with key '${key}'.`], errors: {} } };
    return { status: 200, body: this.projectJson(key, req.params.v) };
  }

  private createIssue(req: FakeRequest): FakeResponse {
    // The body passed the vendor schema before it got here; its fields are read as Jira would.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const fields = ((req.body as { fields?: Record<string, unknown> })?.fields ?? {}) as Record<string, any>;
    const errors: Record<string, string> = {};
    for (const name of Object.keys(fields)) {
      if (!CREATABLE_FIELDS.has(name) || this.fieldsOffCreateScreen.includes(name))
        errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    const project = String(fields.project?.key ?? '').toUpperCase();
    if (!this.projects.has(project)) errors.project = 'valid project is required';
    if (typeof fields.summary !== 'string' || !fields.summary.trim())
      errors.summary = 'You must specify a summary of the issue.';
    if (!ISSUE_TYPES[fields.issuetype?.name]) errors.issuetype = 'valid issue type is required';
    const labels: unknown[] = fields.labels ?? [];
    const badLabel = labels.find((l) => typeof l !== 'string' || /\s/.test(l));
    if (badLabel !== undefined)
      errors.labels = `The label '${JSON.stringify(badLabel)}' contains spaces which is invalid.`;
    if (fields.duedate !== undefined && fields.duedate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(fields.duedate)))
      errors.duedate = `Error parsing date string: ${fields.duedate}`;
    if (fields.priority !== undefined && !PRIORITIES[fields.priority?.name])
      errors.priority = 'Specify the Priority (name) in the string format';
    const assignee =
      fields.assignee === undefined || fields.assignee === null ? null : this.assigneeFrom(fields.assignee, errors);
    const description = req.params.v === '3' ? adfToText(fields.description) : fields.description;
    if (description !== undefined && typeof description !== 'string')
      errors.description = 'Operation value must be a string';
    if (Object.keys(errors).length) return { status: 400, body: { errorMessages: [], errors } };

    // The same defaults as a seeded issue, but found by search only after the configured lag.
    const issue = this.seedIssue({
      project,
      summary: fields.summary,
      description: description ?? '',
      issuetype: fields.issuetype.name,
      labels: labels as string[],
      assignee,
      duedate: fields.duedate ?? null,
      priority: fields.priority?.name ?? 'Medium',
      searchableFrom: Date.now() + this.searchLagMs,
    });
    return {
      status: 201,
      body: { id: issue.id, key: issue.key, self: this.selfUrl(req.params.v, `issue/${issue.id}`) },
    };
  }

  /** Cloud takes `{ accountId }` only (user names left with GDPR); Data Center takes `{ name }`. */
  private assigneeFrom(value: { accountId?: string; name?: string }, errors: Record<string, string>): string | null {
    const identity = this.cloud ? value.accountId : value.name;
    if (!identity) {
      errors.assignee = this.cloud
        ? "'accountId' must be the only user identifying query parameter in GDPR strict mode."
        : 'expected name';
      return null;
    }
    if (!this.users.has(identity)) errors.assignee = `User '${identity}' does not exist.`;
    return identity;
  }

  private getIssue(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    const fields = csv(queryValue(req, 'fields')) ?? ['*all'];
    const properties = csv(queryValue(req, 'properties')) ?? [];
    return { status: 200, body: this.issueJson(issue, req.params.v, fields, properties) };
  }

  private editIssue(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    // Validated against the vendor schema already, as in createIssue.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const fields = (req.body as { fields?: Record<string, any> })?.fields ?? {};
    const errors: Record<string, string> = {};
    if (fields.summary !== undefined) issue.summary = String(fields.summary);
    if (fields.labels !== undefined) issue.labels = fields.labels;
    if (fields.duedate !== undefined) issue.duedate = fields.duedate;
    if (fields.assignee !== undefined)
      issue.assignee = fields.assignee === null ? null : this.assigneeFrom(fields.assignee, errors);
    if (Object.keys(errors).length) return { status: 400, body: { errorMessages: [], errors } };
    this.touch(issue);
    return { status: 204 };
  }

  private listTransitions(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    const withFields = queryValue(req, 'expand')?.includes('transitions.fields');
    const transitions = TRANSITIONS.filter((t) => t.to !== issue.status).map((t) => ({
      id: t.id,
      name: t.name,
      to: this.statusJson(t.to, req.params.v),
      hasScreen: t.to === 'done' && this.resolutionOnCloseScreen,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      looped: false,
      ...(withFields
        ? {
            fields:
              t.to === 'done' && this.resolutionOnCloseScreen
                ? { resolution: this.resolutionFieldJson(req.params.v) }
                : {},
          }
        : {}),
    }));
    return { status: 200, body: { expand: 'transitions', transitions } };
  }

  private doTransition(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    const body = (req.body ?? {}) as { transition?: { id?: string }; fields?: { resolution?: { name?: string } } };
    const transition = TRANSITIONS.find((t) => t.id === body.transition?.id && t.to !== issue.status);
    if (!transition)
      return {
        status: 400,
        body: { errorMessages: [`Transition id '${body.transition?.id}' is not valid for this issue.`], errors: {} },
      };
    const onScreen = transition.to === 'done' && this.resolutionOnCloseScreen;
    const resolution = body.fields?.resolution?.name;
    if (body.fields && Object.keys(body.fields).some((f) => f !== 'resolution' || !onScreen)) {
      return {
        status: 400,
        body: {
          errorMessages: [],
          errors: { resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown." },
        },
      };
    }
    if (resolution !== undefined && !RESOLUTIONS[resolution])
      return {
        status: 400,
        body: { errorMessages: [], errors: { resolution: `Resolution '${resolution}' is not valid.` } },
      };
    if (onScreen && !resolution)
      return { status: 400, body: { errorMessages: [], errors: { resolution: 'Resolution is required.' } } };
    issue.status = transition.to;
    // Without a screen, the workflow's post function resolves as Done.
    issue.resolution = transition.to === 'done' ? (resolution ?? 'Done') : null;
    this.touch(issue);
    return { status: 204 };
  }

  private addComment(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    const raw = (req.body as { body?: unknown })?.body;
    const text = req.params.v === '3' ? adfToText(raw) : raw;
    if (typeof text !== 'string' || !text.trim())
      return { status: 400, body: { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } } };
    const comment = { id: String(this.nextId++), body: text, author: this.bot.identity, created: this.clock.now() };
    issue.comments.push(comment);
    this.touch(issue);
    const author = this.userJson(comment.author, req.params.v);
    return {
      status: 201,
      body: {
        self: this.selfUrl(req.params.v, `issue/${issue.id}/comment/${comment.id}`),
        id: comment.id,
        author,
        updateAuthor: author,
        body: req.params.v === '3' ? textToAdf(text) : text,
        created: jiraTime(comment.created),
        updated: jiraTime(comment.created),
        jsdPublic: true,
      },
    };
  }

  /** A globalId makes the POST an upsert: 200 and the same id when it exists already. */
  private upsertRemoteLink(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    const body = (req.body ?? {}) as {
      globalId?: string;
      relationship?: string;
      application?: unknown;
      object?: { url?: string; title?: string };
    };
    if (!body.object?.url || !body.object.title)
      return { status: 400, body: { errorMessages: [], errors: { object: 'object with url and title is required' } } };
    const existing = body.globalId ? issue.remoteLinks.find((l) => l.globalId === body.globalId) : undefined;
    const link = {
      id: existing?.id ?? this.nextLinkId++,
      globalId: body.globalId,
      relationship: body.relationship,
      application: body.application,
      object: { url: body.object.url, title: body.object.title },
    };
    if (existing) Object.assign(existing, link);
    else issue.remoteLinks.push(link);
    this.touch(issue);
    return {
      status: existing ? 200 : 201,
      body: { id: link.id, self: this.selfUrl(req.params.v, `issue/${issue.key}/remotelink/${link.id}`) },
    };
  }

  private setProperty(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue) return { status: 404, body: NOT_FOUND };
    if (req.body === undefined)
      return {
        status: 400,
        body: { errorMessages: ['The property value must be a valid, non-empty JSON blob.'], errors: {} },
      };
    const existed = issue.properties.has(req.params.property);
    issue.properties.set(req.params.property, req.body);
    return { status: existed ? 200 : 201 };
  }

  private getProperty(req: FakeRequest): FakeResponse {
    const issue = this.issue(req.params.key);
    if (!issue || !issue.properties.has(req.params.property))
      return { status: 404, body: { errorMessages: ['The property was not found.'], errors: {} } };
    return { status: 200, body: { key: req.params.property, value: issue.properties.get(req.params.property) } };
  }

  /** Cloud's enhanced search: opaque token paging, no total, only the fields asked for. */
  private searchJql(req: FakeRequest): FakeResponse {
    if (!this.cloud) {
      this.http.violation('Data Center has no /search/jql; use /rest/api/2/search');
      return { status: 404, body: { errorMessages: ['null for uri: /rest/api/2/search/jql'] } };
    }
    const body = (req.body ?? {}) as {
      jql?: string;
      nextPageToken?: string;
      maxResults?: number;
      fields?: string[];
      properties?: string[];
    };
    const found = this.query(body.jql ?? '');
    if ('error' in found) return found.error;
    const offset = body.nextPageToken ? decodeToken(body.nextPageToken, body.jql ?? '') : 0;
    if (offset === null)
      return {
        status: 400,
        body: { errorMessages: ['The provided next page token is invalid or expired.'], errors: {} },
      };
    const size = Math.min(body.maxResults ?? 50, this.options.maxResultsCap ?? 100);
    const page = found.issues.slice(offset, offset + size);
    const isLast = offset + size >= found.issues.length;
    return {
      status: 200,
      body: {
        issues: page.map((i) => this.issueJson(i, req.params.v, body.fields ?? ['id'], body.properties ?? [])),
        isLast,
        ...(isLast ? {} : { nextPageToken: encodeToken(offset + size, body.jql ?? '') }),
      },
    };
  }

  /** The offset search: removed on Cloud (410 Gone), the only search on Data Center. */
  private searchOffset(req: FakeRequest): FakeResponse {
    if (this.cloud) {
      this.http.violation(`${req.method} ${req.path}: Jira Cloud removed this endpoint; use /search/jql`);
      return {
        status: 410,
        body: {
          errorMessages: ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'],
          errors: {},
        },
      };
    }
    if (req.method !== 'POST') {
      this.http.violation('the adapter is expected to POST searches');
      return { status: 405 };
    }
    const body = (req.body ?? {}) as {
      jql?: string;
      startAt?: number;
      maxResults?: number;
      fields?: string[];
      properties?: string[];
    };
    const found = this.query(body.jql ?? '');
    if ('error' in found) return found.error;
    const startAt = body.startAt ?? 0;
    const maxResults = Math.min(body.maxResults ?? 50, this.options.maxResultsCap ?? 1000);
    return {
      status: 200,
      body: {
        expand: 'schema,names',
        startAt,
        maxResults,
        total: found.issues.length,
        issues: found.issues
          .slice(startAt, startAt + maxResults)
          .map((i) => this.issueJson(i, req.params.v, body.fields ?? ['*navigable'], body.properties ?? [])),
      },
    };
  }

  private query(jql: string): { issues: FakeJiraIssue[] } | { error: FakeResponse } {
    let parsed: JqlQuery;
    try {
      parsed = parseJql(jql, this.timeZone);
    } catch (error) {
      if (!(error instanceof JqlError)) throw error;
      // The adapter only ever sends the JQL subset we understand: anything else is a bug to surface.
      this.http.violation(`unsupported JQL: ${error.message}`);
      return {
        error: { status: 400, body: { errorMessages: [`Error in the JQL Query: ${error.message}`], errors: {} } },
      };
    }
    const now = Date.now();
    const issues = this.allIssues().filter(
      (i) => i.searchableFrom <= now && parsed.clauses.every((c) => matches(i, c)),
    );
    const order = parsed.orderBy.length ? parsed.orderBy : [{ field: 'created' as const, direction: 'DESC' as const }];
    issues.sort((a, b) => {
      for (const { field, direction } of order) {
        const diff = field === 'key' ? keyOrder(a.key, b.key) : a[field].getTime() - b[field].getTime();
        if (diff) return direction === 'ASC' ? diff : -diff;
      }
      return keyOrder(a.key, b.key);
    });
    return { issues };
  }

  // ---- JSON shapes -------------------------------------------------------------------------

  private issueJson(issue: FakeJiraIssue, v: string, fieldNames: string[], propertyNames: string[]) {
    const all = this.fieldsJson(issue, v);
    const wanted = new Set(fieldNames);
    const every = wanted.has('*all') || wanted.has('*navigable');
    const fields = Object.fromEntries(
      Object.entries(all).filter(([name]) => (every || wanted.has(name)) && !wanted.has(`-${name}`)),
    );
    const properties = Object.fromEntries(
      (propertyNames.includes('*all') ? [...issue.properties.keys()] : propertyNames)
        .filter((p) => issue.properties.has(p))
        .map((p) => [p, issue.properties.get(p)]),
    );
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      key: issue.key,
      self: this.selfUrl(v, `issue/${issue.id}`),
      fields,
      ...(propertyNames.length ? { properties } : {}),
    };
  }

  private fieldsJson(issue: FakeJiraIssue, v: string): Record<string, unknown> {
    return {
      summary: issue.summary,
      description: v === '3' ? textToAdf(issue.description) : issue.description,
      issuetype: {
        self: this.selfUrl(v, `issuetype/${ISSUE_TYPES[issue.issuetype]}`),
        id: ISSUE_TYPES[issue.issuetype],
        name: issue.issuetype,
        subtask: false,
      },
      project: this.projectJson(issue.project, v),
      status: this.statusJson(issue.status, v),
      resolution: issue.resolution
        ? {
            self: this.selfUrl(v, `resolution/${RESOLUTIONS[issue.resolution]}`),
            id: RESOLUTIONS[issue.resolution],
            name: issue.resolution,
            description: '',
          }
        : null,
      resolutiondate: issue.resolution ? jiraTime(issue.updated) : null,
      priority: {
        self: this.selfUrl(v, `priority/${PRIORITIES[issue.priority]}`),
        id: PRIORITIES[issue.priority],
        name: issue.priority,
      },
      labels: issue.labels,
      assignee: issue.assignee ? this.userJson(issue.assignee, v) : null,
      reporter: this.userJson(this.bot.identity, v),
      duedate: issue.duedate,
      created: jiraTime(issue.created),
      updated: jiraTime(issue.updated),
    };
  }

  private statusJson(status: FakeJiraStatus, v: string) {
    const s = STATUSES[status];
    return {
      self: this.selfUrl(v, `status/${s.id}`),
      description: '',
      iconUrl: `${this.http.url}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: { self: this.selfUrl(v, `statuscategory/${s.category.id}`), ...s.category },
    };
  }

  private resolutionFieldJson(v: string) {
    return {
      required: true,
      schema: { type: 'resolution', system: 'resolution' },
      name: 'Resolution',
      key: 'resolution',
      operations: ['set'],
      allowedValues: Object.entries(RESOLUTIONS).map(([name, id]) => ({
        self: this.selfUrl(v, `resolution/${id}`),
        id,
        name,
      })),
    };
  }

  /** Cloud users have an accountId and no name; Data Center users have name and key. */
  private userJson(identity: string, v: string, withTimeZone = false) {
    const user = this.users.get(identity) ?? { identity, displayName: identity };
    const id = this.cloud
      ? { accountId: user.identity, accountType: 'atlassian' }
      : { name: user.identity, key: `JIRAUSER${user.identity.length}` };
    return {
      self: this.selfUrl(v, this.cloud ? `user?accountId=${user.identity}` : `user?username=${user.identity}`),
      ...id,
      displayName: user.displayName,
      active: true,
      ...(withTimeZone || user === this.bot ? { timeZone: this.timeZone } : {}),
    };
  }

  private projectJson(key: string, v: string) {
    return {
      self: this.selfUrl(v, `project/${key}`),
      id: String(1000 + [...this.projects].indexOf(key)),
      key,
      name: `${key} project`,
      projectTypeKey: 'software',
      simplified: false,
    };
  }

  private selfUrl(v: string, path: string): string {
    return `${this.http.url}/rest/api/${v}/${path}`;
  }

  // ---- store ---------------------------------------------------------------------------------

  private store(fields: Omit<FakeJiraIssue, 'id' | 'key' | 'deleted'>): FakeJiraIssue {
    const issue: FakeJiraIssue = {
      ...fields,
      id: String(this.nextId++),
      key: this.nextKey(fields.project),
      deleted: false,
    };
    this.issues.set(issue.id, issue);
    this.keys.set(issue.key, issue.id);
    return issue;
  }

  private nextKey(project: string): string {
    const n = (this.counters.get(project) ?? 0) + 1;
    this.counters.set(project, n);
    return `${project}-${n}`;
  }

  private must(key: string, includeDeleted = false): FakeJiraIssue {
    const id = this.keys.get(key.toUpperCase());
    const issue = id ? this.issues.get(id) : undefined;
    if (!issue || (issue.deleted && !includeDeleted)) throw new Error(`fake Jira has no issue ${key}`);
    return issue;
  }

  private touch(issue: FakeJiraIssue): void {
    issue.updated = this.clock.now();
  }
}

function matches(issue: FakeJiraIssue, clause: JqlQuery['clauses'][number]): boolean {
  switch (clause.field) {
    case 'project':
      return issue.project === clause.value.toUpperCase();
    case 'labels':
      return issue.labels.includes(clause.value);
    default: {
      const t = issue[clause.field].getTime();
      const at = clause.at.getTime();
      return clause.op === '>=' ? t >= at : clause.op === '>' ? t > at : clause.op === '<=' ? t <= at : t < at;
    }
  }
}

function keyOrder(a: string, b: string): number {
  const [pa, na] = [a.replace(/-\d+$/, ''), Number(a.split('-').pop())];
  const [pb, nb] = [b.replace(/-\d+$/, ''), Number(b.split('-').pop())];
  return pa === pb ? na - nb : pa < pb ? -1 : 1;
}

function csv(value: string | undefined): string[] | undefined {
  return value === undefined || value === '' ? undefined : value.split(',').map((s) => s.trim());
}

/** Jira's own timestamp format: milliseconds and a `+0000` offset without a colon. */
export function jiraTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ offset, jql })).toString('base64url');
}

function decodeToken(token: string, jql: string): number | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown; jql?: unknown };
    return parsed.jql === jql && typeof parsed.offset === 'number' ? parsed.offset : null;
  } catch {
    return null;
  }
}

function textToAdf(text: string) {
  return { type: 'doc', version: 1, content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [] };
}

function adfToText(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const texts: string[] = [];
  // Atlassian Document Format is a recursive tree of loosely typed nodes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const walk = (node: any) => {
    if (typeof node?.text === 'string') texts.push(node.text);
    (node?.content ?? []).forEach(walk);
  };
  walk(value);
  return texts.join('\n');
}
