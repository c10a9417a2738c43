import { createHash } from 'node:crypto';
import {
  FakeClock,
  FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  header,
  queryValue,
  type Route,
} from './fake-http.js';
import { type GithubUrls, privateUserJson, repoJson, userJson } from './fake-github.shapes.js';
import { OpenApiValidator } from './openapi-validator.js';

export interface FakeGithubOptions {
  /** Token the fake accepts, and the login it belongs to. */
  token?: string;
  login?: string;
  /** '' like api.github.com, or '/api/v3' like GitHub Enterprise Server. */
  pathPrefix?: string;
  /** Repositories that exist, "owner/name". Default ['acme/api']. */
  repos?: string[];
  /** Primary rate limit per hour. Default 5000. */
  rateLimit?: number;
}

export type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened';

export interface FakeGithubIssue {
  id: number;
  number: number;
  repo: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: StateReason | null;
  labels: string[];
  assignees: string[];
  user: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  comments: Array<{ id: number; body: string; user: string; created_at: Date }>;
  pull_request: boolean;
  deleted: boolean;
  transferredTo: { repo: string; number: number } | null;
}

interface Repo {
  id: number;
  owner: string;
  name: string;
  nextNumber: number;
  labels: Map<string, number>;
}

const DOCS = 'https://docs.github.com/rest';
const UNSUPPORTED_LIST_FILTERS = ['milestone', 'assignee', 'type', 'mentioned', 'issue_field_values'];

/**
 * An in-memory GitHub REST API for issues (github.com or Enterprise paths): listing with
 * filters, Link paging and ETag/If-None-Match (a 304 costs no rate limit), create/get/update,
 * comments, /user, /repos. Validated against GitHub's OpenAPI description.
 */
export class FakeGithub {
  readonly http: FakeHttpServer;
  readonly clock = new FakeClock();
  readonly login: string;
  readonly token: string;
  readonly prefix: string;
  private readonly repos = new Map<string, Repo>();
  private readonly issues: FakeGithubIssue[] = [];
  private readonly users = new Map<string, number>();
  private nextId = 1000;
  private remaining: number;
  private readonly limit: number;
  private readonly resetAt = Math.floor(Date.now() / 1000) + 3600;

  constructor(options: FakeGithubOptions = {}) {
    this.login = options.login ?? 'remediation-bot';
    this.token = options.token ?? 'ghp_faketoken';
    this.prefix = options.pathPrefix ?? '';
    this.limit = options.rateLimit ?? 5000;
    this.remaining = this.limit;
    this.addUser(this.login);
    for (const repo of options.repos ?? ['acme/api']) this.addRepo(repo);
    const prefix = this.prefix;
    this.http = new FakeHttpServer({
      name: 'GitHub',
      routes: this.routes(),
      validator: OpenApiValidator.forDocument('github-issues.json'),
      specPath: (path) => (path.startsWith(prefix) ? path.slice(prefix.length) || '/' : null),
      decorate: (_req, res) => this.withRateLimitHeaders(res),
    });
  }

  /** The API base URL to give Octokit. */
  get apiUrl(): string {
    return `${this.http.url}${this.prefix}`;
  }

  get rateLimitRemaining(): number {
    return this.remaining;
  }

  setRateLimitRemaining(remaining: number): void {
    this.remaining = remaining;
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  addUser(login: string): void {
    if (!this.users.has(login)) this.users.set(login, this.nextId++);
  }

  addRepo(fullName: string): void {
    const [owner, name] = fullName.split('/');
    this.addUser(owner);
    this.repos.set(fullName.toLowerCase(), { id: this.nextId++, owner, name, nextNumber: 1, labels: new Map() });
  }

  // ---- what a person does on github.com ------------------------------------------------------

  issue(repo: string, number: number): FakeGithubIssue | undefined {
    return this.issues.find(
      (i) => i.repo === repo.toLowerCase() && i.number === number && !i.deleted && !i.transferredTo,
    );
  }

  allIssues(repo: string): FakeGithubIssue[] {
    return this.issues.filter(
      (i) => i.repo === repo.toLowerCase() && !i.deleted && !i.transferredTo && !i.pull_request,
    );
  }

  seedIssue(repo: string, fields: Partial<Omit<FakeGithubIssue, 'id' | 'number' | 'repo'>> = {}): FakeGithubIssue {
    const now = this.clock.now();
    return this.store(repo, {
      title: 'Seeded issue',
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      user: 'alice',
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
      comments: [],
      pull_request: false,
      ...fields,
    });
  }

  closeAsHuman(
    repo: string,
    number: number,
    reason: Exclude<StateReason, 'reopened'> = 'completed',
    by = 'alice',
  ): void {
    const issue = this.must(repo, number);
    Object.assign(issue, { state: 'closed', state_reason: reason, closed_at: this.clock.now(), closed_by: by });
    this.touch(issue);
  }

  reopenAsHuman(repo: string, number: number): void {
    const issue = this.must(repo, number);
    Object.assign(issue, { state: 'open', state_reason: 'reopened', closed_at: null, closed_by: null });
    this.touch(issue);
  }

  edit(
    repo: string,
    number: number,
    patch: Partial<Pick<FakeGithubIssue, 'title' | 'body' | 'labels' | 'assignees'>>,
  ): void {
    Object.assign(this.must(repo, number), patch);
    this.touch(this.must(repo, number));
  }

  deleteIssue(repo: string, number: number): void {
    this.must(repo, number).deleted = true;
  }

  /** Transfers the issue: it gets a number in the target repository and the old URL answers 301. */
  transferIssue(repo: string, number: number, toRepo: string): number {
    const issue = this.must(repo, number);
    const moved = this.store(toRepo, { ...issue, comments: [...issue.comments] });
    issue.transferredTo = { repo: moved.repo, number: moved.number };
    return moved.number;
  }

  /** An `issues` webhook delivery for the issue's current state (see github-webhooks-issues.json). */
  webhookPayload(
    action: string,
    repo: string,
    number: number,
    sender = 'alice',
    changes?: Record<string, unknown>,
  ): Record<string, unknown> {
    const issue = this.issues.find((i) => i.repo === repo.toLowerCase() && i.number === number);
    if (!issue) throw new Error(`fake GitHub has no issue ${repo}#${number}`);
    // "edited" deliveries must say what changed; default to the title.
    const changed = changes ?? (action === 'edited' ? { title: { from: issue.title } } : undefined);
    return {
      action,
      issue: this.issueJson(issue),
      ...(changed ? { changes: changed } : {}),
      repository: this.repoJson(this.repoOf(issue.repo)),
      sender: this.userJson(sender),
    };
  }

  // ---- the REST API --------------------------------------------------------------------------

  private routes(): Route[] {
    const repoPath = '/repos/{owner}/{repo}';
    const route = (method: string, pattern: string, handler: (req: FakeRequest) => FakeResponse): Route => ({
      method,
      pattern: `${this.prefix}${pattern}`,
      handler: (req) => this.authenticated(req) ?? this.rateLimited() ?? handler(req),
    });
    return [
      route('GET', '/user', () => ({ status: 200, body: this.privateUserJson() })),
      route('GET', repoPath, (req) =>
        this.withRepo(req, (repo) => ({
          status: 200,
          body: { ...this.repoJson(repo), network_count: 0, subscribers_count: 1 },
        })),
      ),
      route('GET', `${repoPath}/issues`, (req) => this.withRepo(req, (repo) => this.listIssues(req, repo))),
      route('POST', `${repoPath}/issues`, (req) => this.withRepo(req, (repo) => this.createIssue(req, repo))),
      route('GET', `${repoPath}/issues/{issue_number}`, (req) =>
        this.withIssue(req, (issue) => ({ status: 200, body: this.issueJson(issue) })),
      ),
      route('PATCH', `${repoPath}/issues/{issue_number}`, (req) =>
        this.withIssue(req, (issue) => this.updateIssue(req, issue)),
      ),
      route('POST', `${repoPath}/issues/{issue_number}/comments`, (req) =>
        this.withIssue(req, (issue) => this.addComment(req, issue)),
      ),
      route('GET', `${repoPath}/issues/{issue_number}/comments`, (req) =>
        this.withIssue(req, (issue) => ({ status: 200, body: issue.comments.map((c) => this.commentJson(issue, c)) })),
      ),
    ];
  }

  private authenticated(req: FakeRequest): FakeResponse | null {
    const auth = header(req, 'authorization') ?? '';
    if (auth === `token ${this.token}` || auth === `Bearer ${this.token}`) return null;
    return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
  }

  private rateLimited(): FakeResponse | null {
    if (this.remaining > 0) return null;
    return {
      status: 403,
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
      },
    };
  }

  /** Every answer carries the counters; a 304 does not count against the limit. */
  private withRateLimitHeaders(res: FakeResponse): FakeResponse {
    if (res.status !== 304 && this.remaining > 0) this.remaining--;
    return {
      ...res,
      headers: {
        'x-ratelimit-limit': String(this.limit),
        'x-ratelimit-remaining': String(this.remaining),
        'x-ratelimit-reset': String(this.resetAt),
        'x-ratelimit-used': String(this.limit - this.remaining),
        'x-ratelimit-resource': 'core',
        ...res.headers,
      },
    };
  }

  private withRepo(req: FakeRequest, handler: (repo: Repo) => FakeResponse): FakeResponse {
    const repo = this.repos.get(`${req.params.owner}/${req.params.repo}`.toLowerCase());
    return repo
      ? handler(repo)
      : { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
  }

  private withIssue(req: FakeRequest, handler: (issue: FakeGithubIssue) => FakeResponse): FakeResponse {
    return this.withRepo(req, (repo) => {
      const number = Number(req.params.issue_number);
      const issue = this.issues.find(
        (i) => i.repo === `${repo.owner}/${repo.name}`.toLowerCase() && i.number === number,
      );
      if (!issue) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      if (issue.deleted)
        return { status: 410, body: { message: 'This issue was deleted', documentation_url: DOCS, status: '410' } };
      if (issue.transferredTo) {
        const url = `${this.apiUrl}/repos/${this.repoName(issue.transferredTo.repo)}/issues/${issue.transferredTo.number}`;
        return {
          status: 301,
          headers: { location: url },
          body: { message: 'Moved Permanently', url, documentation_url: DOCS },
        };
      }
      return handler(issue);
    });
  }

  private listIssues(req: FakeRequest, repo: Repo): FakeResponse {
    for (const filter of UNSUPPORTED_LIST_FILTERS)
      if (req.query[filter] !== undefined)
        this.http.violation(`list issues: the fake does not implement the "${filter}" filter`);
    const state = queryValue(req, 'state') ?? 'open';
    const labels = (queryValue(req, 'labels') ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    const since = queryValue(req, 'since');
    const creator = queryValue(req, 'creator')?.toLowerCase();
    const sort = (queryValue(req, 'sort') ?? 'created') as 'created' | 'updated' | 'comments';
    const direction = queryValue(req, 'direction') ?? 'desc';
    const perPage = Math.min(Number(queryValue(req, 'per_page') ?? 30), 100);
    const page = Number(queryValue(req, 'page') ?? 1);
    if (since && Number.isNaN(Date.parse(since)))
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', field: 'since', code: 'invalid' }],
          documentation_url: DOCS,
        },
      };

    const key = `${repo.owner}/${repo.name}`.toLowerCase();
    const matching = this.issues
      .filter((i) => i.repo === key && !i.deleted && !i.transferredTo)
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
      .filter((i) => !since || seconds(i.updated_at) >= Date.parse(since))
      .filter((i) => !creator || i.user.toLowerCase() === creator)
      .sort((a, b) => {
        const diff =
          sort === 'comments'
            ? a.comments.length - b.comments.length
            : a[`${sort}_at`].getTime() - b[`${sort}_at`].getTime();
        return (direction === 'asc' ? 1 : -1) * (diff || a.number - b.number);
      });
    const body = matching.slice((page - 1) * perPage, page * perPage).map((i) => this.issueJson(i));
    const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
    if (
      (header(req, 'if-none-match') ?? '')
        .split(',')
        .map((t) => t.trim())
        .includes(etag)
    )
      return { status: 304, headers: { etag } };
    const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
    return { status: 200, body, headers: { etag, ...this.linkHeader(req, page, lastPage) } };
  }

  private linkHeader(req: FakeRequest, page: number, lastPage: number): Record<string, string> {
    const at = (n: number) => {
      const url = new URL(`${this.http.url}${req.path}`);
      for (const [k, v] of Object.entries(req.query)) url.searchParams.set(k, String(v));
      url.searchParams.set('page', String(n));
      return url.toString();
    };
    const rels = [
      page < lastPage ? `<${at(page + 1)}>; rel="next"` : null,
      page < lastPage ? `<${at(lastPage)}>; rel="last"` : null,
      page > 1 ? `<${at(1)}>; rel="first"` : null,
      page > 1 ? `<${at(page - 1)}>; rel="prev"` : null,
    ].filter(Boolean);
    return rels.length ? { link: rels.join(', ') } : {};
  }

  private createIssue(req: FakeRequest, repo: Repo): FakeResponse {
    const body = (req.body ?? {}) as {
      title?: string;
      body?: string;
      labels?: Array<string | { name?: string }>;
      assignees?: string[];
      assignee?: string;
    };
    if (!body.title)
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
          documentation_url: DOCS,
        },
      };
    const assignees = [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])];
    const unknown = assignees.find((a) => !this.users.has(a));
    if (unknown)
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ value: unknown, resource: 'Issue', field: 'assignees', code: 'invalid' }],
          documentation_url: DOCS,
        },
      };
    const now = this.clock.now();
    const issue = this.store(`${repo.owner}/${repo.name}`, {
      title: body.title,
      body: body.body ?? '',
      state: 'open',
      state_reason: null,
      labels: (body.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
      assignees,
      user: this.login,
      created_at: now,
      updated_at: now,
      closed_at: null,
      closed_by: null,
      comments: [],
      pull_request: false,
    });
    return {
      status: 201,
      body: this.issueJson(issue),
      headers: { location: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/issues/${issue.number}` },
    };
  }

  private updateIssue(req: FakeRequest, issue: FakeGithubIssue): FakeResponse {
    const patch = (req.body ?? {}) as {
      state?: 'open' | 'closed';
      state_reason?: StateReason | null;
      title?: string;
      body?: string;
      labels?: string[];
      assignees?: string[];
    };
    if (patch.state === 'closed' && issue.state !== 'closed')
      Object.assign(issue, { closed_at: this.clock.now(), closed_by: this.login });
    if (patch.state === 'open') Object.assign(issue, { closed_at: null, closed_by: null });
    if (patch.state) issue.state = patch.state;
    if (patch.state_reason !== undefined) issue.state_reason = patch.state_reason;
    else if (patch.state === 'closed') issue.state_reason = 'completed';
    if (patch.title !== undefined) issue.title = patch.title;
    if (patch.body !== undefined) issue.body = patch.body;
    if (patch.labels !== undefined) issue.labels = patch.labels;
    if (patch.assignees !== undefined) issue.assignees = patch.assignees;
    this.touch(issue);
    return { status: 200, body: this.issueJson(issue) };
  }

  private addComment(req: FakeRequest, issue: FakeGithubIssue): FakeResponse {
    const text = (req.body as { body?: string })?.body;
    if (!text)
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }],
          documentation_url: DOCS,
        },
      };
    const comment = { id: this.nextId++, body: text, user: this.login, created_at: this.clock.now() };
    issue.comments.push(comment);
    this.touch(issue);
    return { status: 201, body: this.commentJson(issue, comment) };
  }

  // ---- JSON shapes ---------------------------------------------------------------------------

  private issueJson(issue: FakeGithubIssue) {
    const repo = this.repoOf(issue.repo);
    const repoUrl = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`;
    const url = `${repoUrl}/issues/${issue.number}`;
    const htmlUrl = `${this.http.url}/${repo.owner}/${repo.name}/${issue.pull_request ? 'pull' : 'issues'}/${issue.number}`;
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      url,
      repository_url: repoUrl,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: htmlUrl,
      timeline_url: `${url}/timeline`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.state_reason,
      title: issue.title,
      body: issue.body,
      user: this.userJson(issue.user),
      labels: issue.labels.map((name) => this.labelJson(repo, name)),
      assignee: issue.assignees[0] ? this.userJson(issue.assignees[0]) : null,
      assignees: issue.assignees.map((a) => this.userJson(a)),
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: issue.comments.length,
      closed_at: issue.closed_at ? iso(issue.closed_at) : null,
      closed_by: issue.closed_by ? this.userJson(issue.closed_by) : null,
      created_at: iso(issue.created_at),
      updated_at: iso(issue.updated_at),
      author_association: issue.user === repo.owner ? 'OWNER' : 'MEMBER',
      performed_via_github_app: null,
      reactions: {
        url: `${url}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      ...(issue.pull_request
        ? {
            pull_request: {
              url: `${repoUrl}/pulls/${issue.number}`,
              html_url: htmlUrl,
              diff_url: `${htmlUrl}.diff`,
              patch_url: `${htmlUrl}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  }

  private commentJson(issue: FakeGithubIssue, comment: FakeGithubIssue['comments'][number]) {
    const repo = this.repoOf(issue.repo);
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
      html_url: `${this.http.url}/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
      issue_url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
      body: comment.body,
      user: this.userJson(comment.user),
      created_at: iso(comment.created_at),
      updated_at: iso(comment.created_at),
      author_association: 'MEMBER',
    };
  }

  private labelJson(repo: Repo, name: string) {
    let id = repo.labels.get(name.toLowerCase());
    if (id === undefined) {
      id = this.nextId++;
      repo.labels.set(name.toLowerCase(), id);
    }
    return {
      id,
      node_id: `LA_${id}`,
      url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: false,
    };
  }

  private userJson(login: string) {
    this.addUser(login);
    return userJson(this.urls, login, this.users.get(login)!);
  }

  private privateUserJson() {
    return privateUserJson(this.urls, this.login, this.users.get(this.login)!);
  }

  private repoJson(repo: Repo) {
    const openIssues = this.allIssues(`${repo.owner}/${repo.name}`).filter((i) => i.state === 'open').length;
    return repoJson(this.urls, { ...repo, openIssues }, this.userJson(repo.owner));
  }

  private get urls(): GithubUrls {
    return { api: this.apiUrl, web: this.http.url };
  }

  // ---- store ---------------------------------------------------------------------------------

  private store(
    repo: string,
    fields: Omit<FakeGithubIssue, 'id' | 'number' | 'repo' | 'deleted' | 'transferredTo'>,
  ): FakeGithubIssue {
    const target = this.repoOf(repo.toLowerCase());
    const issue: FakeGithubIssue = {
      ...fields,
      id: this.nextId++,
      number: target.nextNumber++,
      repo: repo.toLowerCase(),
      deleted: false,
      transferredTo: null,
    };
    this.issues.push(issue);
    return issue;
  }

  private repoOf(key: string): Repo {
    const repo = this.repos.get(key.toLowerCase());
    if (!repo) throw new Error(`fake GitHub has no repository ${key}`);
    return repo;
  }

  private repoName(key: string): string {
    const repo = this.repoOf(key);
    return `${repo.owner}/${repo.name}`;
  }

  private must(repo: string, number: number): FakeGithubIssue {
    const issue = this.issue(repo, number);
    if (!issue) throw new Error(`fake GitHub has no issue ${repo}#${number}`);
    return issue;
  }

  private touch(issue: FakeGithubIssue): void {
    issue.updated_at = this.clock.now();
  }
}

/** GitHub timestamps have whole seconds. */
function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}
