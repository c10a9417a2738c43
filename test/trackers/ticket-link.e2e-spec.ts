import { TicketCreatorJob } from '../../src/trackers/ticket-creator.job.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira } from '../fakes/fake-jira.server.js';
import { goodItem, inDays, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addJiraDcConnection, assertFakesClean, connectionIds, trackerEnv } from '../support/tracker-fixtures.js';

let t: TestApp;
let gh: FakeGithub;
let jira: FakeJira;
let dc: FakeJira;
const conns: Record<'github' | 'jira' | 'dc', string> = { github: '', jira: '', dc: '' };

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  jira = new FakeJira({ flavor: 'cloud', projects: ['OPS'] });
  dc = new FakeJira({ flavor: 'datacenter', projects: ['OPS', 'INF'] });
  await Promise.all([gh.start(), jira.start(), dc.start()]);
  gh.addUser('marcus-lee');
  t = await startTestApp({
    ...trackerEnv({ gh, jira }),
  });
  const ids = await connectionIds(t);
  conns.github = ids['default-github']!;
  conns.jira = ids['default-jira']!;
  conns.dc = await addJiraDcConnection(t, dc);
});
afterEach(() => assertFakesClean(gh, jira, dc));
afterAll(async () => {
  await t?.close();
  await Promise.all([gh?.stop(), jira?.stop(), dc?.stop()]);
});

/** An accepted item; with `tracker`, its ticket is requested (but no worker runs here). */
async function newItem(owner: Record<string, unknown> = {}, tracker?: { connectionId: string }) {
  const person = await makePerson(t, owner);
  const pm = await makePostmortem(t);
  const rec = await makeRecommendation(t, pm.id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(person.id), ...(tracker ? { tracker } : {}) });
  expect(res.status).toBe(201);
  return res.body as {
    id: string;
    ownerId: string;
    status: string;
    dueDate: string;
    ticket: null | Record<string, unknown>;
  };
}

const link = (id: string, body: Record<string, unknown>, role: 'editor' | 'viewer' = 'editor') =>
  t.as(role).post(`/action-items/${id}/link`).send(body);
const ghUrl = (n: number) => `${gh.http.url}/acme/api/issues/${n}`;
const audit = async (id: string) =>
  await t.app.get(TicketCreatorJob)['ds'].query<
    Array<{
      action: string;
      changes: Record<string, unknown>;
    }>
  >(`SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY at`, [id]);
const issueGets = (n: number) => gh.http.requestsMatching('GET', `/api/v3/repos/acme/api/issues/${n}`).length;

describe('POST /action-items/{id}/link', () => {
  it('links a GitHub issue by its URL; the assignee who is a known person becomes the owner; linking again is a no-op', async () => {
    const marcus = await makePerson(t, { name: 'Marcus Lee', githubLogin: 'marcus-lee' });
    const item = await newItem();
    expect(item.ticket).toBeNull();
    const issue = gh.seedIssue('acme/api', { title: 'Locking migrations', assignees: ['marcus-lee'] });

    const res = await link(item.id, { url: ghUrl(issue.number) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: item.id,
      status: 'open',
      ownerId: marcus.id,
      ticket: {
        connectionId: conns.github,
        repo: 'acme/api',
        project: null,
        key: `acme/api#${issue.number}`,
        number: issue.number,
        url: ghUrl(issue.number),
        state: 'linked',
        problem: null,
        externalStatus: 'open',
      },
    });
    const actions = (await audit(item.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['action_item.link', 'ticket.linked']));
    // The ticket now carries our label, so incremental sync's labelled listing sees it.
    expect(gh.allIssues('acme/api').find((i) => i.number === issue.number)!.labels).toContain('postmortem');

    // Same ticket again: 200, nothing changes, the tracker is not even asked.
    const before = issueGets(issue.number);
    const again = await link(item.id, { url: `acme/api#${issue.number}` });
    expect(again.status).toBe(200);
    expect(again.body.ticket).toEqual(res.body.ticket);
    expect(issueGets(issue.number)).toBe(before);
    expect((await audit(item.id)).filter((a) => a.action === 'ticket.linked')).toHaveLength(1);
  });

  it("linking a closed ticket closes the item (completed -> done, not planned -> won't do)", async () => {
    const done = gh.seedIssue('acme/api', { title: 'Already fixed' });
    gh.closeAsHuman('acme/api', done.number, 'completed');
    const a = await newItem();
    const res = await link(a.id, { url: ghUrl(done.number) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'done',
      closedAt: expect.any(String),
      ticket: { state: 'linked', externalStatus: 'closed' },
    });

    const dropped = gh.seedIssue('acme/api', { title: 'Not doing this' });
    gh.closeAsHuman('acme/api', dropped.number, 'not_planned');
    const b = await newItem();
    const res2 = await link(b.id, { url: ghUrl(dropped.number) });
    expect(res2.status).toBe(200);
    expect(res2.body).toMatchObject({
      status: 'wont_do',
      wontDoReason: expect.stringContaining(`acme/api#${dropped.number}`),
    });
  });

  it('links a Jira Cloud ticket by its browse URL and takes its status and due date', async () => {
    const due = inDays(45);
    const issue = jira.seedIssue({ project: 'OPS', summary: 'Pool alert', duedate: due });
    jira.transitionAsHuman(issue.key, 'done');
    const item = await newItem();
    const res = await link(item.id, { url: `${jira.http.url}/browse/${issue.key}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'done',
      dueDate: due,
      ticket: { connectionId: conns.jira, project: 'OPS', repo: null, key: issue.key, number: null, state: 'linked' },
    });
  });

  it('links a Jira Data Center ticket by its browse URL (the connection is chosen by host)', async () => {
    const issue = dc.seedIssue({ project: 'INF', summary: 'Disk alert' });
    const item = await newItem();
    const res = await link(item.id, { url: `${dc.http.url}/browse/${issue.key}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'open',
      ticket: { connectionId: conns.dc, project: 'INF', key: issue.key, state: 'linked' },
    });
  });

  it('a bare Jira key needs connectionId when several Jira connections are enabled', async () => {
    const issue = jira.seedIssue({ project: 'OPS', summary: 'Bare key' });
    const item = await newItem();
    const ambiguous = await link(item.id, { url: issue.key });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.details).toEqual([{ field: 'connectionId', problem: expect.stringMatching(/is required/) }]);

    const res = await link(item.id, { url: issue.key.toLowerCase(), connectionId: conns.jira });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ connectionId: conns.jira, key: issue.key, state: 'linked' });
  });

  it('an unknown ticket is 422 naming url', async () => {
    const item = await newItem();
    const gone = await link(item.id, { url: ghUrl(9999) });
    expect(gone.status).toBe(422);
    expect(gone.body.details).toEqual([{ field: 'url', problem: expect.any(String) }]);
    const jiraGone = await link(item.id, { url: `${jira.http.url}/browse/OPS-9999` });
    expect(jiraGone.status).toBe(422);
    expect(jiraGone.body.details[0].field).toBe('url');
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.ticket).toBeNull();
  });

  it('a URL no enabled connection serves is 400; so is text that is no ticket reference', async () => {
    const item = await newItem();
    for (const url of [
      'https://github.com/acme/api/issues/12',
      'https://acme.atlassian.net/browse/OPS-12',
      'https://ghe.example.com/acme/api/issues/12',
    ]) {
      const res = await link(item.id, { url });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'url', problem: 'matches no enabled tracker connection' }]);
    }
    const pr = await link(item.id, { url: `${gh.http.url}/acme/api/pull/3` });
    expect(pr.status).toBe(400);
    expect(pr.body.details[0].field).toBe('url');
    expect((await link(item.id, {})).status).toBe(400);
    expect((await link(item.id, { url: 'OPS-1', extra: true })).status).toBe(400);
    const wrongKind = await link(item.id, { url: 'OPS-1', connectionId: conns.github });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details[0].field).toBe('connectionId');
  });

  it('conflicts: a ticket another item holds, another ticket already linked, a ticket being created', async () => {
    const issue = gh.seedIssue('acme/api', { title: 'Shared' });
    const first = await newItem();
    expect((await link(first.id, { url: ghUrl(issue.number) })).status).toBe(200);

    const second = await newItem();
    const taken = await link(second.id, { url: ghUrl(issue.number) });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain(first.id);

    const other = gh.seedIssue('acme/api', { title: 'Other' });
    const replace = await link(first.id, { url: ghUrl(other.number) });
    expect(replace.status).toBe(409);
    expect(replace.body.message).toMatch(/already linked/);

    const pending = await newItem({}, { connectionId: conns.github });
    expect(pending.ticket).toMatchObject({ state: 'pending' });
    expect((await link(pending.id, { url: ghUrl(other.number) })).status).toBe(409);
  });

  it('a tracker that is down or rate limiting answers 503 and links nothing', async () => {
    const issue = gh.seedIssue('acme/api', { title: 'Unlucky' });
    const item = await newItem();
    const path = `/api/v3/repos/acme/api/issues/${issue.number}`;
    // A bare 503 is an outage: the adapter retries reads (4 retries), then gives up.
    gh.http.failNext(
      { method: 'GET', path },
      { type: 'status', status: 503, body: { message: 'Service unavailable' } },
      5,
    );
    const down = await link(item.id, { url: ghUrl(issue.number) });
    expect(down.status).toBe(503);
    expect(down.body.message).toMatch(/not answering.*try again later/);
    // A 503 with a long Retry-After is throttling: not waited for inside a request.
    gh.http.failNext(
      { method: 'GET', path },
      { type: 'status', status: 503, headers: { 'retry-after': '120' }, body: { message: 'slow down' } },
      1,
    );
    const limited = await link(item.id, { url: ghUrl(issue.number) });
    expect(limited.status).toBe(503);
    expect(limited.body).toMatchObject({ retryAfterSeconds: 120, message: expect.stringMatching(/rate limiting/) });
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.ticket).toBeNull();
    const conn = (await t.as('admin').get(`/tracker-connections/${conns.github}`)).body;
    expect(conn.health.state).toBe('rate_limited');
    // And once it answers again, the link goes through.
    expect((await link(item.id, { url: ghUrl(issue.number) })).status).toBe(200);
  }, 30_000);

  it('needs the editor role; an unknown item is 404', async () => {
    const item = await newItem();
    expect((await link(item.id, { url: ghUrl(1) }, 'viewer')).status).toBe(403);
    expect((await link('00000000-0000-4000-8000-000000000000', { url: ghUrl(1) })).status).toBe(404);
    expect((await link('not-a-uuid', { url: ghUrl(1) })).status).toBe(404);
  });
});

describe('POST /action-items/{id}/ticket/retry', () => {
  const createsFor = (itemId: string) =>
    gh.http.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/api/v3/repos/acme/api/issues' &&
        JSON.stringify(r.body).includes(itemId) &&
        (r.status === 201 || r.fault === 'drop-response'),
    );

  it("re-queues a failed ticket; the creator finds the earlier attempt's ticket instead of making a second", async () => {
    const item = await newItem({ githubLogin: 'marcus-lee' }, { connectionId: conns.github });
    // The create happens but its answer is lost, and this was the last try: the ticket is marked failed.
    gh.http.failNext({ method: 'POST', path: '/api/v3/repos/acme/api/issues' }, { type: 'drop-response' }, 1);
    await t.app.get(TicketCreatorJob).run(item.id, 10);
    const failed = (await t.as('viewer').get(`/action-items/${item.id}`)).body;
    expect(failed.ticket).toMatchObject({ state: 'failed', problem: expect.any(String), key: null });
    expect(createsFor(item.id)).toHaveLength(1);

    expect((await t.as('approver').post(`/action-items/${item.id}/ticket/retry`)).status).toBe(403);
    const res = await t.as('admin').post(`/action-items/${item.id}/ticket/retry`);
    expect(res.status).toBe(202);
    expect(res.body.ticket).toMatchObject({
      state: 'pending',
      problem: null,
      connectionId: conns.github,
      repo: 'acme/api',
    });
    expect((await audit(item.id)).map((a) => a.action)).toContain('ticket.retry');
    const queued = await t.app
      .get(TicketCreatorJob)
      ['ds'].query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'ticket-create' AND data->>'itemId' = $1`, [
        item.id,
      ]);
    expect(queued[0].n).toBeGreaterThanOrEqual(1);

    await t.app.get(TicketCreatorJob).run(item.id);
    const linked = (await t.as('viewer').get(`/action-items/${item.id}`)).body;
    expect(linked.ticket).toMatchObject({
      state: 'linked',
      key: expect.stringMatching(/^acme\/api#\d+$/),
      problem: null,
    });
    expect(createsFor(item.id)).toHaveLength(1);
    expect(gh.allIssues('acme/api').filter((i) => i.body.includes(item.id))).toHaveLength(1);

    // Linked now: nothing to retry.
    const again = await t.as('admin').post(`/action-items/${item.id}/ticket/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/failed or missing/);
  });

  it('a refused creation can be retried into a new ticket, and a failed one can be replaced by a link', async () => {
    const item = await newItem({}, { connectionId: conns.github });
    gh.http.failNext(
      { method: 'POST', path: '/api/v3/repos/acme/api/issues' },
      { type: 'status', status: 403, body: { message: 'Resource not accessible by integration' } },
      1,
    );
    await t.app.get(TicketCreatorJob).run(item.id);
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.ticket.state).toBe('failed');
    expect((await t.as('admin').post(`/action-items/${item.id}/ticket/retry`)).status).toBe(202);
    await t.app.get(TicketCreatorJob).run(item.id);
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.ticket.state).toBe('linked');
    expect(createsFor(item.id)).toHaveLength(1);

    const other = await newItem({}, { connectionId: conns.github });
    gh.http.failNext(
      { method: 'POST', path: '/api/v3/repos/acme/api/issues' },
      { type: 'status', status: 403, body: { message: 'Resource not accessible by integration' } },
      1,
    );
    await t.app.get(TicketCreatorJob).run(other.id);
    const existing = gh.seedIssue('acme/api', { title: 'Made by hand' });
    const res = await link(other.id, { url: ghUrl(existing.number) });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ state: 'linked', key: `acme/api#${existing.number}`, problem: null });
  });

  it('an item without a ticket cannot be retried; an unknown item is 404', async () => {
    const item = await newItem();
    expect((await t.as('admin').post(`/action-items/${item.id}/ticket/retry`)).status).toBe(409);
    expect((await t.as('admin').post('/action-items/00000000-0000-4000-8000-000000000000/ticket/retry')).status).toBe(
      404,
    );
  });
});
