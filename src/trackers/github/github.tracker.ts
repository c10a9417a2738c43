import { Logger } from '@nestjs/common';
import {
  type CreateTicketInput,
  IssueTracker,
  type ListChangedInput,
  type ListChangedResult,
  type TrackerConnectionConfig,
  TrackerError,
  type TrackerIssue,
} from '../issue-tracker.js';
import { countRequests } from '../http/request-counter.js';
import { retryPolicyFrom, sleep as realSleep, type Sleep } from '../http/retry.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../http/timed-fetch.js';
import { writeQueueFor, WriteQueue } from '../http/write-queue.js';
import { GithubClient, type GithubIssueJson, githubApiUrl, type IssuePage } from './github.client.js';
import { issueBody, issueLabels, itemIdFromBody, parseIssueRef, repoFromUrl, toTrackerIssue } from './github.mapper.js';

export interface GithubTrackerOptions {
  /** Wait before the second marker search, in case the listing lags the create. Default 1000 ms. */
  markerSearchDelayMs?: number;
  /** First backoff step for retried reads. Default 500 ms. */
  retryBaseDelayMs?: number;
  sleep?: Sleep;
  logger?: Pick<Logger, 'warn'>;
}

const PAGE_SIZE = 100;
const DEFAULT_MIN_WRITE_INTERVAL_MS = 1000;
/** Our clock and GitHub's may disagree; look a little further back than the attempt's start. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** GitHub.com and GitHub Enterprise Server issues behind the tracker port. */
export class GithubTracker extends IssueTracker {
  readonly kind = 'github' as const;
  private readonly client: GithubClient;
  private readonly sleep: Sleep;
  private readonly logger: Pick<Logger, 'warn'>;
  private login: Promise<string> | null = null;

  constructor(
    private readonly config: TrackerConnectionConfig,
    private readonly options: GithubTrackerOptions = {},
  ) {
    super();
    if (config.kind !== 'github') throw new Error(`GithubTracker cannot serve a ${config.kind} connection`);
    if (config.flavor !== 'github.com' && config.flavor !== 'enterprise')
      throw new Error(`unsupported GitHub flavor "${config.flavor}"`);
    const baseUrl = githubApiUrl(config.baseUrl, config.flavor);
    const minWriteIntervalMs = config.minWriteIntervalMs ?? DEFAULT_MIN_WRITE_INTERVAL_MS;
    this.sleep = options.sleep ?? realSleep;
    this.logger = options.logger ?? new Logger(GithubTracker.name);
    this.client = new GithubClient({
      baseUrl,
      token: config.token,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      retry: retryPolicyFrom(config, options.retryBaseDelayMs),
      // A test-only sleep gets its own queue so fake time never leaks into the shared one.
      writes: options.sleep
        ? new WriteQueue(minWriteIntervalMs, options.sleep)
        : writeQueueFor(`${baseUrl}|${config.id}`, minWriteIntervalMs),
      sleep: this.sleep,
      warn: (m) => this.logger.warn(m),
    });
  }

  async testConnection(project?: string): Promise<{ user: string; project: string | null }> {
    const user = await this.selfIdentity();
    const repo = project ?? this.config.defaultProject ?? null;
    if (!repo) return { user, project: null };
    const [owner, name] = splitRepo(repo);
    return { user, project: (await this.client.getRepo(owner, name)).full_name };
  }

  async createIssue(input: CreateTicketInput): Promise<TrackerIssue> {
    const [owner, repo] = splitRepo(input.project);
    const request = {
      title: input.title,
      body: issueBody(input),
      labels: issueLabels(input, this.config.labels ?? []),
      assignees: input.assignee ? [input.assignee] : [],
    };
    try {
      return toTrackerIssue(await this.client.createIssue(owner, repo, request), `${owner}/${repo}`);
    } catch (error) {
      // 422 means nothing was created; an assignee without access to the repository is the usual cause.
      if (
        !(error instanceof TrackerError) ||
        error.status !== 422 ||
        !request.assignees.length ||
        !/assignee/i.test(error.message)
      )
        throw error;
      this.logger.warn(`GitHub refused assignee ${input.assignee} in ${input.project}; creating unassigned`);
      return toTrackerIssue(
        await this.client.createIssue(owner, repo, { ...request, assignees: [] }),
        `${owner}/${repo}`,
      );
    }
  }

  async findByMarker(project: string, itemId: string, since: Date): Promise<TrackerIssue | null> {
    const [owner, repo] = splitRepo(project);
    const creator = await this.selfIdentity();
    const from = since.getTime() - CLOCK_SKEW_MS;
    // The repository listing, not the search API: search is limited to 30 requests a minute and lags more.
    const search = async (): Promise<GithubIssueJson | null> => {
      const params = {
        creator,
        state: 'all' as const,
        since: new Date(from).toISOString(),
        sort: 'created' as const,
        direction: 'desc' as const,
        per_page: PAGE_SIZE,
      };
      let page: IssuePage = await this.client.listIssuesPage({ owner, repo, params });
      for (;;) {
        const hit = page.issues.find((i) => !i.pull_request && itemIdFromBody(i.body) === itemId);
        if (hit) return hit;
        const oldest = page.issues.at(-1);
        if (!page.next || (oldest && Date.parse(oldest.created_at) < from)) return null;
        page = await this.client.listIssuesPage({ url: page.next });
      }
    };
    const found = (await search()) ?? (await this.sleep(this.options.markerSearchDelayMs ?? 1000).then(search));
    return found ? toTrackerIssue(found) : null;
  }

  async getIssue(keyOrNumber: string, project?: string): Promise<TrackerIssue> {
    const ref = parseIssueRef(keyOrNumber, project ?? this.config.defaultProject);
    if (!ref) throw new TrackerError('NOT_FOUND', `"${keyOrNumber}" is not a GitHub issue reference`);
    const issue = await this.client.getIssue(ref.owner, ref.repo, ref.number);
    const asked = `${ref.owner}/${ref.repo}#${ref.number}`;
    if (issue.pull_request)
      throw new TrackerError('NOT_FOUND', `${asked} is a pull request, not an issue`, undefined, 404);
    // A transferred issue answers 301 to its new home, which fetch follows: for us it has gone away.
    const actual = `${repoFromUrl(issue.repository_url)}#${issue.number}`;
    if (actual.toLowerCase() !== asked.toLowerCase())
      throw new TrackerError('NOT_FOUND', `${asked} was moved to ${actual}`, undefined, 301);
    return toTrackerIssue(issue);
  }

  async listChanged(input: ListChangedInput): Promise<ListChangedResult> {
    const [owner, repo] = splitRepo(input.project);
    const { result, requests } = await countRequests(async () => {
      // Page by creation order, not by `updated`: an issue updated while we page would jump to
      // the end of an updated-ordered listing and shift the next page, skipping one issue.
      const params = {
        labels: input.label,
        state: 'all' as const,
        sort: 'created' as const,
        direction: 'asc' as const,
        per_page: PAGE_SIZE,
        ...(input.since ? { since: input.since.toISOString() } : {}),
      };
      const first = await this.client.listIssuesPage({ owner, repo, params, etag: input.etag });
      if (first.notModified) return { issues: [], notModified: true, etag: input.etag ?? null };
      const items = [...first.issues];
      for (let next = first.next; next;) {
        const page = await this.client.listIssuesPage({ url: next });
        items.push(...page.issues);
        next = page.next;
      }
      // An ETag covers one page, so only a listing that fits in one short page can be revalidated whole.
      const etag = !first.next && first.issues.length < PAGE_SIZE ? first.etag : null;
      const issues = items.filter((i) => !i.pull_request).map((i) => toTrackerIssue(i, `${owner}/${repo}`));
      return { issues, notModified: false, etag };
    });
    return { ...result, requests };
  }

  async addComment(issue: TrackerIssue, text: string): Promise<void> {
    const ref = this.refOf(issue);
    await this.client.addComment(ref.owner, ref.repo, ref.number, text);
  }

  async ensureLabels(issue: TrackerIssue, labels: readonly string[]): Promise<TrackerIssue> {
    const wanted = labels.map((l) => l.trim()).filter(Boolean);
    if (wanted.every((l) => issue.labels.includes(l))) return issue;
    const ref = this.refOf(issue);
    return toTrackerIssue(
      await this.client.setLabels(ref.owner, ref.repo, ref.number, [...new Set([...issue.labels, ...wanted])]),
      `${ref.owner}/${ref.repo}`,
    );
  }

  async close(issue: TrackerIssue, as: 'done' | 'wont_do'): Promise<void> {
    const ref = this.refOf(issue);
    await this.client.updateState(
      ref.owner,
      ref.repo,
      ref.number,
      'closed',
      as === 'done' ? 'completed' : 'not_planned',
    );
  }

  selfIdentity(): Promise<string> {
    this.login ??= this.client.currentUser().then(
      (user) => user.login,
      (error) => {
        this.login = null;
        throw error;
      },
    );
    return this.login;
  }

  private refOf(issue: TrackerIssue): { owner: string; repo: string; number: number } {
    const ref = parseIssueRef(issue.key, issue.project);
    if (!ref) throw new TrackerError('NOT_FOUND', `"${issue.key}" is not a GitHub issue reference`);
    return ref;
  }
}

function splitRepo(project: string): [string, string] {
  const [owner, repo, ...rest] = project.split('/');
  if (!owner || !repo || rest.length) throw new TrackerError('NOT_FOUND', `"${project}" is not an owner/repo`);
  return [owner, repo];
}
