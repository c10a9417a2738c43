import type { IssueTracker, TrackerError } from '../../src/trackers/issue-tracker.js';
import { githubHarness, jiraHarness, ticketInput, type TrackerHarness } from './tracker-harness.js';

/**
 * One contract for every adapter, run against in-process fakes that speak the real
 * protocols and check every exchange against the vendors' OpenAPI descriptions.
 */
const harnesses: Array<[string, () => TrackerHarness]> = [
  ['jira cloud', () => jiraHarness('cloud')],
  ['jira datacenter', () => jiraHarness('datacenter')],
  ['github', () => githubHarness()],
];

describe.each(harnesses)('%s adapter contract', (_name, makeHarness) => {
  let h: TrackerHarness;
  let tracker: IssueTracker;

  beforeEach(async () => {
    h = makeHarness();
    await h.start();
    tracker = h.adapter();
  });

  afterEach(async () => {
    try {
      h.http.assertNoViolations();
    } finally {
      await h.stop();
    }
  });

  const elapsed = async (op: () => Promise<unknown>) => {
    const started = Date.now();
    await op();
    return Date.now() - started;
  };
  const failure = async (op: Promise<unknown>): Promise<TrackerError> => {
    try {
      await op;
    } catch (error) {
      return error as TrackerError;
    }
    throw new Error('expected the call to fail');
  };

  describe('creating', () => {
    it('files a ticket with title, labels, assignee, marker and a link to the postmortem', async () => {
      const input = ticketInput(h);
      const issue = await tracker.createIssue(input);

      expect(issue).toMatchObject({
        project: h.project,
        title: input.title,
        state: 'open',
        assignee: h.assignee,
        itemId: input.itemId,
      });
      expect(issue.labels).toEqual(expect.arrayContaining(['postmortem', 'conn-label', 'team-sre']));
      expect(issue.dueDate).toBe(h.caps.dueDate ? '2030-03-01' : null);
      expect(issue.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

      const ticket = h.ticket(issue.key)!;
      expect(ticket.assignee).toBe(h.assignee);
      expect(ticket.links).toContain(input.postmortemUrl);
      expect(ticket.text).toContain(input.successCriteria);
      expect(ticket.text).toContain('2030-03-01');
      expect(h.ticketsWithMarker(input.itemId)).toBe(1);
    });

    it('finds the ticket by its marker, and nothing for another item', async () => {
      const since = new Date();
      const input = ticketInput(h);
      const created = await tracker.createIssue(input);

      await expect(tracker.findByMarker(h.project, input.itemId, since)).resolves.toMatchObject({
        key: created.key,
        itemId: input.itemId,
      });
      await expect(tracker.findByMarker(h.project, ticketInput(h).itemId, since)).resolves.toBeNull();
    });

    it('recovers exactly once when the create response is lost', async () => {
      const since = new Date();
      const input = ticketInput(h);
      h.http.failNext({ method: 'POST', path: h.paths.create }, { type: 'drop-response' });

      const error = await failure(tracker.createIssue(input));
      expect(error.code).toBe('TEMPORARY');

      const found = await tracker.findByMarker(h.project, input.itemId, since);
      expect(found?.itemId).toBe(input.itemId);
      expect(h.ticketsWithMarker(input.itemId)).toBe(1);
      expect(h.http.requestsMatching('POST', h.paths.create)).toHaveLength(1);
    });

    it('never retries a create, not even after a 500', async () => {
      const input = ticketInput(h);
      h.http.failNext({ method: 'POST', path: h.paths.create }, { type: 'status', status: 500 }, 5);

      expect((await failure(tracker.createIssue(input))).code).toBe('TEMPORARY');
      expect(h.http.requestsMatching('POST', h.paths.create)).toHaveLength(1);
      expect(h.ticketsWithMarker(input.itemId)).toBe(0);
    });

    it('does not retry a create that timed out', async () => {
      const impatient = h.adapter({ requestTimeoutMs: 200 });
      h.http.failNext({ method: 'POST', path: h.paths.create }, { type: 'hang' });

      expect((await failure(impatient.createIssue(ticketInput(h)))).code).toBe('TEMPORARY');
      expect(h.http.requestsMatching('POST', h.paths.create)).toHaveLength(1);
    });
  });

  describe('reading under failure', () => {
    it('waits as long as Retry-After says before retrying a rate-limited read', async () => {
      const issue = await tracker.createIssue(ticketInput(h));
      h.http.clearLog();
      h.http.failNext(
        { method: 'GET', path: h.paths.issue },
        { type: 'status', status: 429, headers: { 'retry-after': '1' } },
      );

      const took = await elapsed(() => tracker.getIssue(issue.key));

      expect(took).toBeGreaterThanOrEqual(950);
      expect(took).toBeLessThan(2500);
      expect(h.http.requestsMatching('GET', h.paths.issue)).toHaveLength(2);
    });

    it('hands a rate limit longer than maxRetryWaitMs back to the caller', async () => {
      const issue = await tracker.createIssue(ticketInput(h));
      const bounded = h.adapter({ maxRetryWaitMs: 500 });
      h.http.clearLog();
      h.http.failNext(
        { method: 'GET', path: h.paths.issue },
        { type: 'status', status: 429, headers: { 'retry-after': '30' } },
      );

      const error = await failure(bounded.getIssue(issue.key));

      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 30_000, status: 429 });
      expect(h.http.requestsMatching('GET', h.paths.issue)).toHaveLength(1);
    });

    it('retries a burst of 500s on reads, within maxRetries', async () => {
      const issue = await tracker.createIssue(ticketInput(h));
      h.http.clearLog();
      h.http.failNext({ method: 'GET', path: h.paths.issue }, { type: 'status', status: 500 }, 3);
      await expect(tracker.getIssue(issue.key)).resolves.toMatchObject({ key: issue.key });
      expect(h.http.requestsMatching('GET', h.paths.issue)).toHaveLength(4);

      h.http.clearLog();
      h.http.failNext({ method: 'GET', path: h.paths.issue }, { type: 'status', status: 502 }, 10);
      expect((await failure(h.adapter({ maxRetries: 2 }).getIssue(issue.key))).code).toBe('TEMPORARY');
      expect(h.http.requestsMatching('GET', h.paths.issue)).toHaveLength(3);
      h.http.clearFaults();
    });

    it('turns a request that hangs past the timeout into TEMPORARY', async () => {
      const issue = await tracker.createIssue(ticketInput(h));
      const impatient = h.adapter({ requestTimeoutMs: 200, maxRetries: 0 });
      h.http.failNext({ method: 'GET', path: h.paths.issue }, { type: 'hang' });

      let error: TrackerError | undefined;
      const took = await elapsed(async () => (error = await failure(impatient.getIssue(issue.key))));

      expect(error?.code).toBe('TEMPORARY');
      expect(error?.message).toMatch(/timed out/);
      expect(took).toBeLessThan(1500);
    });

    it('retries a hung read and succeeds on the next attempt', async () => {
      const issue = await tracker.createIssue(ticketInput(h));
      h.http.clearLog();
      h.http.failNext({ method: 'GET', path: h.paths.issue }, { type: 'hang' });
      await expect(h.adapter({ requestTimeoutMs: 200 }).getIssue(issue.key)).resolves.toMatchObject({ key: issue.key });
    });

    it('reports refused connections as TEMPORARY', async () => {
      const offline = h.adapter({ baseUrl: 'http://127.0.0.1:1', maxRetries: 0 });
      expect((await failure(offline.getIssue('1'))).code).toBe('TEMPORARY');
    });

    it('reports bad credentials as FORBIDDEN', async () => {
      expect((await failure(h.adapter({ token: 'wrong' }).selfIdentity())).code).toBe('FORBIDDEN');
    });
  });

  describe('listing changes', () => {
    it('returns only tickets changed since the given time', async () => {
      const now = Date.now();
      const old = h.seed(3, { label: 'pm-sync', updatedAt: new Date(now - 100 * 60_000) });
      const recent = h.seed(2, { label: 'pm-sync', updatedAt: new Date(now - 10 * 60_000) });
      h.seed(2, { label: 'other', updatedAt: new Date(now - 10 * 60_000) });
      const since = new Date(now - 60 * 60_000);

      const first = await tracker.listChanged({ project: h.project, label: 'pm-sync', since });
      expect(first.issues.map((i) => i.key).sort()).toEqual([...recent].sort());
      expect(first.notModified).toBe(false);
      expect(first.requests).toBeGreaterThanOrEqual(1);

      h.touch(old[1]);
      const second = await tracker.listChanged({ project: h.project, label: 'pm-sync', since });
      expect(second.issues.map((i) => i.key).sort()).toEqual([...recent, old[1]].sort());

      const everything = await tracker.listChanged({ project: h.project, label: 'pm-sync', since: null });
      expect(everything.issues).toHaveLength(5);
    });

    it('pages through 250 tickets in batches, never one request per ticket', async () => {
      h.seed(250, { label: 'bulk', updatedAt: new Date(Date.now() - 5 * 60_000) });

      const result = await tracker.listChanged({ project: h.project, label: 'bulk', since: null });

      expect(new Set(result.issues.map((i) => i.key)).size).toBe(250);
      expect(result.requests).toBe(3);
    });

    it('does not skip a ticket when another one changes while it pages', async () => {
      const keys = h.seed(150, { label: 'moving', updatedAt: new Date(Date.now() - 30 * 60_000) });
      // A person edits the first ticket between page one and page two.
      h.http.onRequest({ path: h.paths.listing }, () => h.touch(keys[0]), 2);

      const { issues } = await tracker.listChanged({ project: h.project, label: 'moving', since: null });

      expect(new Set(issues.map((i) => i.key))).toEqual(new Set(keys));
    });

    it('maps the state of each listed ticket', async () => {
      const [a, b, c] = h.seed(3, { label: 'states', updatedAt: new Date(Date.now() - 60_000) });
      h.humanClose(a, 'done');
      h.humanClose(b, 'wont_do');

      const { issues } = await tracker.listChanged({ project: h.project, label: 'states', since: null });
      const state = Object.fromEntries(issues.map((i) => [i.key, i.state]));
      expect(state).toEqual({ [a]: 'done', [b]: 'wont_do', [c]: 'open' });
    });
  });

  describe('status both ways', () => {
    it('maps closes and reopens made in the tracker', async () => {
      const issue = await tracker.createIssue(ticketInput(h));

      h.humanClose(issue.key, 'done');
      await expect(tracker.getIssue(issue.key)).resolves.toMatchObject({ state: 'done' });
      h.humanReopen(issue.key);
      await expect(tracker.getIssue(issue.key)).resolves.toMatchObject({ state: 'open' });
      h.humanClose(issue.key, 'wont_do');
      await expect(tracker.getIssue(issue.key)).resolves.toMatchObject({ state: 'wont_do' });
    });

    it("closes tickets as done and as won't do", async () => {
      const done = await tracker.createIssue(ticketInput(h));
      const dropped = await tracker.createIssue(ticketInput(h));

      await tracker.close(done, 'done');
      await tracker.close(dropped, 'wont_do');

      expect(h.ticket(done.key)?.state).toBe('done');
      expect(h.ticket(dropped.key)?.state).toBe('wont_do');
      await expect(tracker.getIssue(done.key)).resolves.toMatchObject({ state: 'done' });
      await expect(tracker.getIssue(dropped.key)).resolves.toMatchObject({ state: 'wont_do' });
    });

    it('comments on a ticket', async () => {
      const issue = await tracker.createIssue(ticketInput(h));
      await tracker.addComment(issue, 'Reminder: due in 2 days.');
      expect(h.ticket(issue.key)?.comments).toEqual(['Reminder: due in 2 days.']);
    });

    it('adds missing labels to a linked ticket and keeps its own', async () => {
      const [key] = h.seed(1, { label: 'customer-facing', updatedAt: new Date() });
      const before = await tracker.getIssue(key, h.project);
      const after = await tracker.ensureLabels(before, ['postmortem', 'customer-facing']);
      expect(after.labels).toEqual(expect.arrayContaining(['postmortem', 'customer-facing']));
      expect(h.ticket(key)?.labels).toEqual(expect.arrayContaining(['postmortem', 'customer-facing']));
      const writes = h.http.requests.length;
      await tracker.ensureLabels(after, ['postmortem']);
      expect(h.http.requests.length).toBe(writes);
    });

    it('reports deleted and moved tickets as NOT_FOUND', async () => {
      const deleted = await tracker.createIssue(ticketInput(h));
      const moved = await tracker.createIssue(ticketInput(h));
      h.humanDelete(deleted.key);
      h.humanMove(moved.key);

      expect((await failure(tracker.getIssue(deleted.key))).code).toBe('NOT_FOUND');
      expect((await failure(tracker.getIssue(moved.key))).code).toBe('NOT_FOUND');
    });
  });

  describe('identity', () => {
    it('tests the connection and knows who it acts as', async () => {
      const self = await tracker.selfIdentity();
      await expect(tracker.testConnection()).resolves.toEqual({ user: self, project: h.project });
      expect((await failure(tracker.testConnection(h.missingProject))).code).toBe('NOT_FOUND');
    });
  });

  // Capabilities only some trackers have: the tests are declared for those alone.
  const caps = makeHarness().caps;

  if (caps.etag) {
    it('revalidates an unchanged listing with a 304 that costs no rate limit', async () => {
      const [key] = h.seed(2, { label: 'etag', updatedAt: new Date(Date.now() - 60_000) });
      const since = new Date(Date.now() - 3600_000);
      const first = await tracker.listChanged({ project: h.project, label: 'etag', since });
      expect(first.etag).toBeTruthy();

      const before = h.rateLimitRemaining!();
      const again = await tracker.listChanged({ project: h.project, label: 'etag', since, etag: first.etag });
      expect(again).toEqual({ issues: [], notModified: true, etag: first.etag, requests: 1 });
      expect(h.rateLimitRemaining!()).toBe(before);

      h.touch(key);
      const changed = await tracker.listChanged({ project: h.project, label: 'etag', since, etag: first.etag });
      expect(changed.notModified).toBe(false);
      expect(changed.etag).not.toBe(first.etag);
      expect(changed.issues.map((i) => i.key)).toContain(key);
    });
  }

  if (caps.writeSpacing) {
    it('spaces content-creating requests at least minWriteIntervalMs apart', async () => {
      const spaced = h.adapter({ minWriteIntervalMs: 150 });
      const created = await Promise.all([1, 2, 3].map(() => spaced.createIssue(ticketInput(h))));
      await spaced.addComment(created[0], 'and a comment');

      const writes = h.http.requests.filter((r) => r.method !== 'GET').map((r) => r.at);
      expect(writes).toHaveLength(4);
      for (let i = 1; i < writes.length; i++) expect(writes[i] - writes[i - 1]).toBeGreaterThanOrEqual(145);
    });
  }

  if (caps.searchLag) {
    it('finds a just-created ticket even while search lags behind', async () => {
      const since = new Date();
      const lagging = h.adapter({}, { markerSearchDelayMs: 300 });
      h.setSearchLag!(200);
      const input = ticketInput(h);
      const created = await lagging.createIssue(input);

      await expect(lagging.findByMarker(h.project, input.itemId, since)).resolves.toMatchObject({ key: created.key });
      expect(h.http.requestsMatching('POST', h.paths.listing)).toHaveLength(2);
      // Cloud removed the offset search: only /search/jql may have been used.
      expect(h.http.requests.filter((r) => /\/search$/.test(r.path))).toHaveLength(0);
    });
  }
});
