import { Octokit } from '@octokit/rest';
import { TrackerError } from '../issue-tracker.js';
import { type RetryPolicy, type Sleep, withRetries } from '../http/retry.js';
import { timedFetch } from '../http/timed-fetch.js';
import { trackerErrorFromNetwork, trackerErrorFromStatus } from '../http/tracker-http-error.js';
import type { WriteQueue } from '../http/write-queue.js';

/** The parts of GitHub's issue JSON we read. */
export interface GithubIssueJson {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: Array<string | { name?: string }>;
  assignee?: { login: string } | null;
  html_url: string;
  repository_url: string;
  created_at: string;
  updated_at: string;
  user?: { login: string } | null;
  pull_request?: unknown;
}

export interface IssuePage {
  issues: GithubIssueJson[];
  etag: string | null;
  /** The Link rel="next" URL, or null on the last page. */
  next: string | null;
  /** True when the server answered 304 to our If-None-Match. */
  notModified: boolean;
}

export interface IssueListParams {
  labels?: string;
  state: 'open' | 'closed' | 'all';
  since?: string;
  creator?: string;
  sort: 'created' | 'updated';
  direction: 'asc' | 'desc';
  per_page: number;
}

export interface GithubClientConfig {
  baseUrl: string;
  token: string;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  writes: WriteQueue;
  sleep?: Sleep;
  warn?: (message: string) => void;
}

/** Secondary limits without Retry-After: GitHub asks for at least a minute. */
const SECONDARY_LIMIT_FALLBACK_MS = 60_000;

/**
 * Octokit without the retry plugin (it replays POSTs) and without the throttling plugin
 * (its write spacing is process-global and does not serialise writes): reads are retried
 * here, writes go one at a time through the connection's queue.
 */
export class GithubClient {
  private readonly octokit: Octokit;

  constructor(private readonly config: GithubClientConfig) {
    const noop = () => undefined;
    this.octokit = new Octokit({
      auth: config.token,
      baseUrl: config.baseUrl.replace(/\/+$/, ''),
      userAgent: 'remediation-tracker',
      request: { fetch: timedFetch(config.requestTimeoutMs) },
      // Failures are rethrown as TrackerError; Octokit's own error logging would only duplicate them.
      log: { debug: noop, info: noop, warn: config.warn ?? noop, error: noop },
    });
  }

  async currentUser(): Promise<{ login: string }> {
    return this.read(async () => (await this.octokit.rest.users.getAuthenticated()).data);
  }

  async getRepo(owner: string, repo: string): Promise<{ full_name: string }> {
    return this.read(async () => (await this.octokit.rest.repos.get({ owner, repo })).data);
  }

  async getIssue(owner: string, repo: string, issueNumber: number): Promise<GithubIssueJson> {
    return this.read(
      async () =>
        (await this.octokit.rest.issues.get({ owner, repo, issue_number: issueNumber })).data as GithubIssueJson,
    );
  }

  /** One page of the repository's issue listing: the first by parameters, later ones by their Link URL. */
  listIssuesPage(
    target: { owner: string; repo: string; params: IssueListParams; etag?: string | null } | { url: string },
  ): Promise<IssuePage> {
    return this.read(async () => {
      try {
        const response =
          'url' in target
            ? await this.octokit.request({ method: 'GET', url: target.url })
            : await this.octokit.rest.issues.listForRepo({
                owner: target.owner,
                repo: target.repo,
                ...target.params,
                headers: target.etag ? { 'if-none-match': target.etag } : {},
              });
        return {
          issues: response.data as GithubIssueJson[],
          etag: response.headers.etag ?? null,
          next: nextLink(response.headers.link),
          notModified: false,
        };
      } catch (error) {
        // Octokit reports 304 as an error; for us it is the cheap "nothing changed" answer.
        if ((error as { status?: number }).status === 304)
          return { issues: [], etag: null, next: null, notModified: true };
        throw error;
      }
    });
  }

  /** Never retried: a lost response does not mean the issue was not created. */
  createIssue(
    owner: string,
    repo: string,
    issue: { title: string; body: string; labels: string[]; assignees: string[] },
  ): Promise<GithubIssueJson> {
    return this.write(
      async () => (await this.octokit.rest.issues.create({ owner, repo, ...issue })).data as GithubIssueJson,
    );
  }

  /** Never retried: a replayed comment is posted twice. */
  async addComment(owner: string, repo: string, issueNumber: number, body: string): Promise<void> {
    await this.write(() => this.octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }));
  }

  /** Sets the whole label list: idempotent, so it may be retried. */
  async setLabels(
    owner: string,
    repo: string,
    issueNumber: number,
    labels: readonly string[],
  ): Promise<GithubIssueJson> {
    return withRetries(
      () =>
        this.write(
          async () =>
            (await this.octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, labels: [...labels] }))
              .data as GithubIssueJson,
        ),
      this.config.retry,
      this.config.sleep,
    );
  }

  /** Setting state is idempotent, so it may be retried. */
  async updateState(
    owner: string,
    repo: string,
    issueNumber: number,
    state: 'open' | 'closed',
    stateReason: 'completed' | 'not_planned' | 'reopened',
  ): Promise<void> {
    await withRetries(
      () =>
        this.write(() =>
          this.octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, state, state_reason: stateReason }),
        ),
      this.config.retry,
      this.config.sleep,
    );
  }

  private read<T>(call: () => Promise<T>): Promise<T> {
    return withRetries(() => this.translate(call), this.config.retry, this.config.sleep);
  }

  private write<T>(call: () => Promise<T>): Promise<T> {
    return this.config.writes.run(() => this.translate(call));
  }

  private async translate<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw githubError(error, this.config.requestTimeoutMs);
    }
  }
}

/** Octokit's RequestError (or a raw fetch failure) as one of the port's error codes. */
export function githubError(error: unknown, timeoutMs: number): TrackerError {
  if (error instanceof TrackerError) return error;
  const e = error as {
    status?: number;
    message?: string;
    cause?: unknown;
    response?: { headers?: Record<string, string | undefined> };
  };
  if (!e.response || typeof e.status !== 'number') return trackerErrorFromNetwork(e.cause ?? error, timeoutMs);
  const mapped = trackerErrorFromStatus(e.status, e.response.headers, e.message ?? 'GitHub error');
  if (
    (e.status === 403 || e.status === 429) &&
    /secondary rate limit|abuse/i.test(e.message ?? '') &&
    mapped.code !== 'RATE_LIMITED'
  ) {
    return new TrackerError('RATE_LIMITED', mapped.message, SECONDARY_LIMIT_FALLBACK_MS, e.status);
  }
  return mapped;
}

/** The rel="next" target of an RFC 8288 Link header. */
export function nextLink(link: string | undefined): string | null {
  const match = link?.split(',').find((part) => /;\s*rel="?next"?/.test(part));
  return match?.match(/<([^>]+)>/)?.[1] ?? null;
}

/**
 * The REST API root. People often paste the web address: github.com means api.github.com,
 * and an Enterprise Server host without a path serves its API under /api/v3.
 */
export function githubApiUrl(baseUrl: string | null | undefined, flavor: 'github.com' | 'enterprise'): string {
  if (!baseUrl) {
    if (flavor === 'enterprise') throw new Error('GitHub Enterprise needs the server URL');
    return 'https://api.github.com';
  }
  const url = new URL(baseUrl);
  if (url.hostname === 'github.com' || url.hostname === 'www.github.com') return 'https://api.github.com';
  if (flavor === 'enterprise' && (url.pathname === '/' || url.pathname === '')) return `${url.origin}/api/v3`;
  return baseUrl.replace(/\/+$/, '');
}
