import { TicketUpdateJob } from '../../src/trackers/ticket-actions/ticket-update.job.js';
import { TrackerSyncJob } from '../../src/trackers/sync/tracker-sync.job.js';
import { TicketCreatorJob } from '../../src/trackers/ticket-creator.job.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira } from '../fakes/fake-jira.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { connectionIds, trackerEnv } from '../support/tracker-fixtures.js';

let t: TestApp;
let gh: FakeGithub;
let jira: FakeJira;
const conns: Record<'github' | 'jira', string> = { github: '', jira: '' };

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  jira = new FakeJira({ flavor: 'cloud', projects: ['OPS'] });
  await Promise.all([gh.start(), jira.start()]);
  gh.addUser('marcus-lee');
  // Workers run: the close goes through the real queue, as in production.
  t = await startTestApp({
    JOBS_ENABLED: 'true',
    TICKET_RETRY_DELAY_SECONDS: '1',
    ...trackerEnv({ gh, jira }),
  });
  const ids = await connectionIds(t);
  conns.github = ids['default-github']!;
  conns.jira = ids['default-jira']!;
});
afterEach(() => {
  gh.http.assertNoViolations();
  jira.http.assertNoViolations();
});
afterAll(async () => {
  await t?.close();
  await Promise.all([gh?.stop(), jira?.stop()]);
});

const sql = (text: string, params: unknown[] = []) =>
  t.app.get(TicketCreatorJob)['ds'].query<Array<Record<string, unknown>>>(text, params);
const getItem = async (id: string) => (await t.as('viewer').get(`/action-items/${id}`)).body;

/** An accepted item whose GitHub ticket the worker created. */
async function githubItem() {
  const person = await makePerson(t, { githubLogin: 'marcus-lee' });
  const pm = await makePostmortem(t);
  const rec = await makeRecommendation(t, pm.id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(person.id), tracker: { connectionId: conns.github } });
  expect(res.status).toBe(201);
  await drainJobs(t.app, { queues: ['ticket-create'] });
  const item = await getItem(res.body.id);
  expect(item.ticket?.state).toBe('linked');
  return { ...item, issueNumber: item.ticket.number as number };
}

const runSync = async () => {
  const res = await t.as('admin').post('/admin/jobs/tracker-sync/run');
  expect(res.status).toBe(200);
  return res.body as {
    checked: number;
    changed: number;
    projects: Array<{ project: string; changed: number; error?: string }>;
  };
};

const requestsFor = (n: number) =>
  gh.http.requests.filter((r) => r.path.startsWith(`/api/v3/repos/acme/api/issues/${n}`) && r.method !== 'GET');
const auditActions = async (id: string) =>
  (await sql(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`, [id])).map((r) => r.action as string);
const updateJobs = async (id: string) =>
  Number(
    (
      await sql(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'ticket-update' AND data->>'itemId' = $1`, [id])
    )[0].n,
  );

describe('closing the item closes its ticket', () => {
  it('done: comments, closes as completed, and the next sync sees nothing new (no echo)', async () => {
    const item = await githubItem();
    await runSync();
    const res = await t.as('editor').patch(`/action-items/${item.id}`).send({ status: 'done' });
    expect(res.status).toBe(200);

    await drainJobs(t.app, { queues: ['ticket-update'] });
    expect(gh.issue('acme/api', item.issueNumber)?.state).toBe('closed');
    const closedView = await getItem(item.id);
    expect(closedView).toMatchObject({
      status: 'done',
      ticket: { state: 'linked', problem: null, externalStatus: 'closed' },
    });
    expect(gh.issue('acme/api', item.issueNumber)).toMatchObject({ state_reason: 'completed', closed_by: gh.login });

    // One comment naming the item, then the close.
    const writes = requestsFor(item.issueNumber);
    expect(writes.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 200']);
    expect(writes[0].body).toEqual({ body: `Marked done in the remediation tracker: ${item.title}.` });
    expect(writes[1].body).toMatchObject({ state: 'closed', state_reason: 'completed' });

    const sync = await runSync();
    expect(sync.changed).toBe(0);
    expect(sync.projects.every((p) => !p.error)).toBe(true);
    const actions = await auditActions(item.id);
    expect(actions).toEqual(expect.arrayContaining(['action_item.update', 'ticket.close_commented', 'ticket.closed']));
    expect(actions).not.toContain('action_item.sync');
    expect(await getItem(item.id)).toMatchObject({ status: 'done' });
  });

  it("won't do: closes as not planned on GitHub, with the reason in the comment", async () => {
    const item = await githubItem();
    const res = await t
      .as('editor')
      .patch(`/action-items/${item.id}`)
      .send({ status: 'wont_do', wontDoReason: 'Superseded by the connection pool rewrite' });
    expect(res.status).toBe(200);
    await drainJobs(t.app, { queues: ['ticket-update'] });
    expect(gh.issue('acme/api', item.issueNumber)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(gh.issue('acme/api', item.issueNumber)!.comments.map((c) => c.body)).toEqual([
      `Marked won't do in the remediation tracker: ${item.title}. Reason: Superseded by the connection pool rewrite`,
    ]);
    expect((await getItem(item.id)).ticket.externalStatus).toBe('closed');
    expect((await runSync()).changed).toBe(0);
    expect(await getItem(item.id)).toMatchObject({
      status: 'wont_do',
      wontDoReason: 'Superseded by the connection pool rewrite',
    });
    expect(await auditActions(item.id)).not.toContain('action_item.sync');
  });

  it('Jira: a linked ticket is commented on and transitioned to Done', async () => {
    const issue = jira.seedIssue({ project: 'OPS', summary: 'Alert on pool saturation', labels: ['postmortem'] });
    const person = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const accepted = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(person.id));
    const linked = await t
      .as('editor')
      .post(`/action-items/${accepted.body.id}/link`)
      .send({ url: `${jira.http.url}/browse/${issue.key}` });
    expect(linked.status).toBe(200);

    expect((await t.as('editor').patch(`/action-items/${accepted.body.id}`).send({ status: 'done' })).status).toBe(200);
    const stored = () => jira.allIssues('OPS').find((i) => i.key === issue.key)!;
    await drainJobs(t.app, { queues: ['ticket-update'] });
    expect(stored()).toMatchObject({ status: 'done', resolution: 'Done' });
    expect(stored().comments.map((c) => c.body)).toEqual([
      `Marked done in the remediation tracker: ${accepted.body.title}.`,
    ]);
    expect((await getItem(accepted.body.id)).ticket.externalStatus).toBe('Done');
    expect((await runSync()).changed).toBe(0);
    expect(await auditActions(accepted.body.id)).not.toContain('action_item.sync');
  });

  it('a close the tracker forbids flags the item with the reason; the ticket stays open', async () => {
    const item = await githubItem();
    gh.http.failNext(
      { method: 'PATCH', path: `/api/v3/repos/acme/api/issues/${item.issueNumber}` },
      { type: 'status', status: 403, body: { message: 'Must have admin rights to Repository.' } },
      1,
    );
    expect((await t.as('editor').patch(`/action-items/${item.id}`).send({ status: 'done' })).status).toBe(200);
    await drainJobs(t.app, { queues: ['ticket-update'] });
    const flagged = await getItem(item.id);
    expect(flagged.ticket.problem).toMatch(new RegExp(`^Could not close acme/api#${item.issueNumber}: .*admin rights`));
    expect(flagged).toMatchObject({ status: 'done', ticket: { state: 'linked' } });
    expect(gh.issue('acme/api', item.issueNumber)!.state).toBe('open');
    expect(await auditActions(item.id)).toContain('ticket.close_failed');
  });

  it('a close that is throttled is retried by the queue without a second comment', async () => {
    const item = await githubItem();
    gh.http.failNext(
      { method: 'PATCH', path: `/api/v3/repos/acme/api/issues/${item.issueNumber}` },
      { type: 'status', status: 503, headers: { 'retry-after': '120' }, body: { message: 'slow down' } },
      1,
    );
    expect((await t.as('editor').patch(`/action-items/${item.id}`).send({ status: 'done' })).status).toBe(200);
    await drainJobs(t.app, { queues: ['ticket-update'] });
    expect(gh.issue('acme/api', item.issueNumber)!.state).toBe('closed');
    expect(gh.issue('acme/api', item.issueNumber)!.comments).toHaveLength(1);
    expect(requestsFor(item.issueNumber).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 201',
      'PATCH 503',
      'PATCH 200',
    ]);
    expect((await getItem(item.id)).ticket).toMatchObject({ externalStatus: 'closed', problem: null });
  });

  it('queues only on a close of an item with a linked ticket; an item reopened before the job runs is left alone', async () => {
    const item = await githubItem();
    expect((await t.as('editor').patch(`/action-items/${item.id}`).send({ priority: 'critical' })).status).toBe(200);
    expect((await t.as('editor').patch(`/action-items/${item.id}`).send({ status: 'in_progress' })).status).toBe(200);
    expect(await updateJobs(item.id)).toBe(0);

    // The job finds the item open (as after a reopen) and touches nothing on the tracker.
    const before = gh.http.requests.length;
    await expect(t.app.get(TicketUpdateJob).run(item.id)).resolves.toBe('skipped');
    expect(gh.http.requests.length).toBe(before);
    expect(gh.issue('acme/api', item.issueNumber)!.state).toBe('open');

    // An item without a ticket closes without a job.
    const person = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const plain = (await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(person.id))).body;
    expect((await t.as('editor').patch(`/action-items/${plain.id}`).send({ status: 'done' })).status).toBe(200);
    expect(await updateJobs(plain.id)).toBe(0);
    expect(await updateJobs(item.id)).toBe(0);
  });
});

describe('the scheduled sync', () => {
  it('a tick enqueues the sync, and a worker runs it: a ticket closed by a person closes its item', async () => {
    const item = await githubItem();
    gh.closeAsHuman('acme/api', item.ticket.number, 'completed');
    expect(await t.app.get(TrackerSyncJob).tick()).toEqual(expect.any(String));
    await drainJobs(t.app, { queues: ['tracker-sync'] });
    const done = await getItem(item.id);
    expect(done).toMatchObject({ status: 'done', ticket: { externalStatus: 'closed' } });
  });
});
