import { randomUUID } from 'node:crypto';
import { parseGithubWebhook } from '../../src/trackers/github/github.mapper.js';
import { GithubTracker } from '../../src/trackers/github/github.tracker.js';
import type { TrackerConnectionConfig } from '../../src/trackers/issue-tracker.js';
import { FakeGithub, type FakeGithubOptions } from '../fakes/fake-github.server.js';
import { OpenApiValidator } from '../fakes/openapi-validator.js';
import { ticketInput } from './tracker-harness.js';

/** GitHub-only behaviour the shared contract cannot express. */
describe('GithubTracker', () => {
  const repo = 'acme/api';
  let fake: FakeGithub;
  let warnings: string[];

  async function startFake(options: FakeGithubOptions = {}): Promise<void> {
    fake = new FakeGithub({ repos: [repo], ...options });
    fake.addUser('alice');
    await fake.start();
  }

  beforeEach(async () => {
    warnings = [];
    await startFake();
  });

  afterEach(async () => {
    try {
      fake.http.assertNoViolations();
    } finally {
      await fake.stop();
    }
  });

  function adapter(config: Partial<TrackerConnectionConfig> = {}): GithubTracker {
    return new GithubTracker(
      {
        id: randomUUID(),
        kind: 'github',
        name: 'github',
        baseUrl: fake.apiUrl,
        flavor: 'github.com',
        token: fake.token,
        defaultProject: repo,
        labels: [],
        requestTimeoutMs: 2000,
        maxRetries: 2,
        maxRetryWaitMs: 1000,
        minWriteIntervalMs: 20,
        ...config,
      },
      { retryBaseDelayMs: 5, markerSearchDelayMs: 20, logger: { warn: (m: string) => warnings.push(m) } },
    );
  }

  const input = () => ticketInput({ project: repo, assignee: 'alice' });

  it('works against GitHub Enterprise Server paths (/api/v3)', async () => {
    await fake.stop();
    await startFake({ pathPrefix: '/api/v3' });
    const tracker = adapter({ flavor: 'enterprise' });

    const issue = await tracker.createIssue(input());
    await expect(tracker.getIssue(issue.key)).resolves.toMatchObject({ key: issue.key });
    await expect(tracker.listChanged({ project: repo, label: 'postmortem', since: null })).resolves.toMatchObject({
      issues: [expect.objectContaining({ key: issue.key })],
    });
    expect(fake.http.requests.every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
    // The server's web address works too: the API lives under /api/v3.
    await expect(adapter({ flavor: 'enterprise', baseUrl: fake.http.url }).getIssue(issue.key)).resolves.toMatchObject({
      key: issue.key,
    });
  });

  it('lists with the documented parameters and skips pull requests', async () => {
    fake.seedIssue(repo, { labels: ['postmortem'] });
    fake.seedIssue(repo, { labels: ['postmortem'], pull_request: true });
    const since = new Date(Date.now() - 60_000);

    const { issues } = await adapter().listChanged({ project: repo, label: 'postmortem', since });

    expect(issues).toHaveLength(1);
    expect(fake.http.requests.at(-1)?.query).toEqual({
      labels: 'postmortem',
      state: 'all',
      since: since.toISOString(),
      sort: 'created',
      direction: 'asc',
      per_page: '100',
    });
  });

  it("lets the fake's clock decide created_at and updated_at", async () => {
    const tracker = adapter();
    fake.clock.set(new Date('2030-01-01T10:00:00Z'));
    const early = await tracker.createIssue(input());
    fake.clock.set(new Date('2030-01-01T12:00:00Z'));
    const late = await tracker.createIssue(input());

    const { issues } = await tracker.listChanged({
      project: repo,
      label: 'postmortem',
      since: new Date('2030-01-01T11:00:00Z'),
    });

    expect(early.updatedAt).toBe('2030-01-01T10:00:00Z');
    expect(issues.map((i) => i.key)).toEqual([late.key]);
  });

  it('reports a pull request number as NOT_FOUND', async () => {
    const pr = fake.seedIssue(repo, { pull_request: true });
    await expect(adapter().getIssue(String(pr.number))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives no ETag for a listing that spans pages: page one cannot vouch for the rest', async () => {
    for (let i = 0; i < 101; i++) fake.seedIssue(repo, { labels: ['postmortem'] });
    const result = await adapter().listChanged({ project: repo, label: 'postmortem', since: null });
    expect(result).toMatchObject({ etag: null, requests: 2 });
    expect(result.issues).toHaveLength(101);
  });

  it('finds the marker through the repository listing, never the search API', async () => {
    const since = new Date();
    const item = input();
    const created = await adapter().createIssue(item);
    fake.http.clearLog();

    await expect(adapter().findByMarker(repo, item.itemId, since)).resolves.toMatchObject({ key: created.key });

    const listing = fake.http.requests.find((r) => r.path === '/repos/acme/api/issues')!;
    expect(listing.query).toMatchObject({
      creator: fake.login,
      state: 'all',
      sort: 'created',
      direction: 'desc',
      per_page: '100',
    });
    // Five minutes of slack for clock skew between us and GitHub.
    expect(Date.parse(listing.query.since as string)).toBe(since.getTime() - 5 * 60_000);
    expect(fake.http.requests.some((r) => r.path.includes('/search'))).toBe(false);
  });

  it('ignores a marker in an issue someone else opened', async () => {
    const item = input();
    fake.seedIssue(repo, { user: 'mallory', body: `copied <!-- remediation:${item.itemId} -->` });
    await expect(adapter().findByMarker(repo, item.itemId, new Date(Date.now() - 60_000))).resolves.toBeNull();
  });

  it('creates unassigned when GitHub refuses the assignee', async () => {
    const issue = await adapter().createIssue({ ...input(), assignee: 'stranger' });
    expect(issue.assignee).toBeNull();
    expect(fake.http.requestsMatching('POST', '/repos/acme/api/issues')).toHaveLength(2);
    expect(warnings[0]).toMatch(/stranger/);
  });

  it('maps an exhausted primary rate limit to RATE_LIMITED with the reset time', async () => {
    fake.setRateLimitRemaining(0);
    const error = await adapter()
      .getIssue('1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 403 });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3000 * 1000);
  });

  it('maps a secondary rate limit without Retry-After to a one-minute wait', async () => {
    fake.http.failNext(
      { method: 'GET' },
      {
        type: 'status',
        status: 403,
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com',
        },
      },
    );
    await expect(adapter().selfIdentity()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 60_000 });
  });

  it('retries a close whose response was lost: setting the state is idempotent', async () => {
    const issue = await adapter().createIssue(input());
    fake.http.failNext({ method: 'PATCH' }, { type: 'drop-response' });
    await adapter().close(issue, 'wont_do');
    expect(fake.http.requestsMatching('PATCH', /issues\/\d+$/)).toHaveLength(2);
    expect(fake.issue(repo, issue.number!)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  describe('webhooks', () => {
    const webhooks = () => OpenApiValidator.forDocument('github-webhooks-issues.json');

    it.each(['opened', 'closed', 'reopened', 'edited', 'deleted'])(
      'maps an "issues.%s" delivery valid against the webhook description',
      async (action) => {
        const tracker = adapter();
        const created = await tracker.createIssue(input());
        if (action === 'closed') fake.closeAsHuman(repo, created.number!, 'not_planned');
        if (action === 'reopened') {
          fake.closeAsHuman(repo, created.number!);
          fake.reopenAsHuman(repo, created.number!);
        }
        const payload = fake.webhookPayload(action, repo, created.number!, 'alice');
        expect(webhooks().validateComponent(`webhook-issues-${action}`, payload)).toEqual([]);

        const change = parseGithubWebhook(payload as never);
        expect(change).toMatchObject({ action, actor: 'alice', gone: action === 'deleted' });
        expect(change.issue).toEqual(await tracker.getIssue(created.key));
      },
    );
  });
});
