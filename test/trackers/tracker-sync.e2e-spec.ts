import { WebhookPruneJob } from '../../src/trackers/webhooks/webhook-prune.job.js';
import { TrackerConnection } from '../../src/trackers/connections/tracker-connection.entity.js';
import { TrackerSyncJob } from '../../src/trackers/sync/tracker-sync.job.js';
import {
  lastReconcileBoundary,
  type SyncResult,
  TrackerSyncService,
} from '../../src/trackers/sync/tracker-sync.service.js';
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
  gh = new FakeGithub({ repos: ['acme/api', 'acme/web'], pathPrefix: '/api/v3' });
  jira = new FakeJira({ flavor: 'cloud', projects: ['OPS'] });
  dc = new FakeJira({ flavor: 'datacenter', projects: ['INF'], maxResultsCap: 2 });
  await Promise.all([gh.start(), jira.start(), dc.start()]);
  for (const login of ['marcus-lee', 'dana-ortiz', 'stranger']) gh.addUser(login);
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

/** An accepted item whose ticket the creation job has made (run here, not by a worker). */
async function linkedItem(
  target: { connectionId: string; project?: string; repo?: string },
  owner: { githubLogin?: string; jiraAccountId?: string; jiraUsername?: string } = {},
) {
  const person = await makePerson(t, owner);
  const pm = await makePostmortem(t);
  const rec = await makeRecommendation(t, pm.id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(person.id), tracker: target });
  expect(res.status).toBe(201);
  await t.app.get(TicketCreatorJob).run(res.body.id);
  const item = await getItem(res.body.id);
  expect(item.ticket.state).toBe('linked');
  return item;
}

const getItem = async (id: string) => (await t.as('viewer').get(`/action-items/${id}`)).body;
const runSync = async (full = false) => {
  const res = await t.as('admin').post(`/admin/jobs/tracker-sync/run${full ? '?full=true' : ''}`);
  expect(res.status).toBe(200);
  return res.body as SyncResult;
};
const project = (r: Awaited<ReturnType<typeof runSync>>, name: string) => r.projects.find((p) => p.project === name)!;

describe('tracker sync', () => {
  it('is admin only', async () => {
    expect((await t.as('approver').post('/admin/jobs/tracker-sync/run')).status).toBe(403);
    expect((await t.as('admin').post('/admin/jobs/tracker-sync/run?full=yes')).status).toBe(400);
  });

  it("GitHub: close, won't do and reopen reach the item; an unchanged repository answers 304", async () => {
    const a = await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    const b = await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    const first = await runSync();
    expect(first).toMatchObject({
      checked: expect.any(Number),
      changed: 0,
      requests: expect.any(Number),
      durationMs: expect.any(Number),
    });
    expect(project(first, 'acme/api').mode).toBe('full');
    // Incremental from here: the first listing for a `since` costs a request, the next ones are 304s.
    await runSync();
    const before = gh.http.requests.length;
    const steady = await runSync();
    expect(project(steady, 'acme/api')).toMatchObject({
      mode: 'incremental',
      notModified: true,
      requests: 1,
      changed: 0,
    });
    const sent = gh.http.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 304, headers: { 'if-none-match': expect.any(String) } });

    gh.closeAsHuman('acme/api', a.ticket.number, 'completed');
    gh.closeAsHuman('acme/api', b.ticket.number, 'not_planned');
    const closed = await runSync();
    expect(project(closed, 'acme/api')).toMatchObject({ notModified: false, changed: 2 });
    expect(await getItem(a.id)).toMatchObject({
      status: 'done',
      closedAt: expect.any(String),
      ticket: { externalStatus: 'closed' },
    });
    expect(await getItem(b.id)).toMatchObject({
      status: 'wont_do',
      wontDoReason: expect.stringContaining(b.ticket.key),
    });

    gh.reopenAsHuman('acme/api', a.ticket.number);
    expect((await runSync()).changed).toBe(1);
    expect(await getItem(a.id)).toMatchObject({ status: 'open', closedAt: null });
    // Nothing new: a second run changes nothing (no flapping, no repeated audit).
    expect((await runSync()).changed).toBe(0);
    const audit = await t.app
      .get(TrackerSyncService)
      ['ds'].query<unknown[]>(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'action_item.sync'`, [
        a.id,
      ]);
    expect(audit).toHaveLength(2);
  });

  it('GitHub: an assignee who is a known person becomes the owner; anyone else flags the item', async () => {
    const dana = await makePerson(t, { name: 'Dana Ortiz', githubLogin: 'dana-ortiz' });
    const item = await linkedItem({ connectionId: conns.github, repo: 'acme/web' }, { githubLogin: 'marcus-lee' });
    await runSync();
    gh.edit('acme/web', item.ticket.number, { assignees: ['dana-ortiz'] });
    await runSync();
    expect(await getItem(item.id)).toMatchObject({ ownerId: dana.id, ticket: { problem: null } });
    gh.edit('acme/web', item.ticket.number, { assignees: ['stranger'] });
    await runSync();
    const flagged = await getItem(item.id);
    expect(flagged.ownerId).toBe(dana.id);
    expect(flagged.ticket.problem).toMatch(/stranger.*matches no active person/);
  });

  it('GitHub: a deleted or transferred ticket is flagged missing by the full reconcile, never dropped', async () => {
    const gone = await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    const moved = await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    await runSync();
    gh.deleteIssue('acme/api', gone.ticket.number);
    gh.transferIssue('acme/api', moved.ticket.number, 'acme/web');
    const res = await runSync(true);
    expect(project(res, 'acme/api').mode).toBe('full');
    expect(await getItem(gone.id)).toMatchObject({
      status: 'open',
      ticket: { state: 'missing', problem: expect.stringContaining(gone.ticket.key) },
    });
    expect(await getItem(moved.id)).toMatchObject({
      ticket: { state: 'missing', problem: expect.stringMatching(/moved|gone/) },
    });
  });

  it("Jira Cloud: done, won't do, due date and assignee changes reach the item", async () => {
    const dana = await makePerson(t, { name: 'Dana Ortiz', jiraAccountId: '712020:dana' });
    jira.addUser('712020:dana', 'Dana Ortiz');
    const a = await linkedItem({ connectionId: conns.jira, project: 'OPS' });
    const b = await linkedItem({ connectionId: conns.jira, project: 'OPS' });
    await runSync();
    jira.transitionAsHuman(a.ticket.key, 'done');
    jira.transitionAsHuman(b.ticket.key, 'done', "Won't Do");
    const due = inDays(45);
    jira.setDueDate(a.ticket.key, due);
    jira.setAssignee(a.ticket.key, '712020:dana');
    const res = await runSync();
    expect(project(res, 'OPS')).toMatchObject({ mode: 'incremental', changed: 2 });
    expect(await getItem(a.id)).toMatchObject({
      status: 'done',
      dueDate: due,
      ownerId: dana.id,
      ticket: { externalStatus: 'Done' },
    });
    expect(await getItem(b.id)).toMatchObject({ status: 'wont_do' });
    // The search is batched: one search request per page, never one per item.
    const searches = jira.http.requests.filter((r) => r.path.includes('/search'));
    expect(searches.length).toBeLessThan(10);
  });

  it('Jira Cloud: a ticket moved to another project is flagged missing', async () => {
    const item = await linkedItem({ connectionId: conns.jira, project: 'OPS' });
    await runSync();
    const newKey = jira.moveIssue(item.ticket.key, 'MOVED');
    await runSync(true);
    expect(await getItem(item.id)).toMatchObject({
      ticket: { state: 'missing', problem: expect.stringContaining(newKey) },
    });
  });

  it('Jira Data Center: pages with startAt and applies changes', async () => {
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await linkedItem({ connectionId: conns.dc, project: 'INF' }));
    await runSync();
    for (const i of items) dc.transitionAsHuman(i.ticket.key, 'done');
    const res = await runSync();
    expect(project(res, 'INF').changed).toBe(3);
    for (const i of items) expect((await getItem(i.id)).status).toBe('done');
    const starts = dc.http.requests
      .filter((r) => r.path.endsWith('/rest/api/2/search'))
      .map((r) => (r.body as { startAt?: number }).startAt ?? 0);
    expect(starts).toEqual(expect.arrayContaining([0, 2]));
  });

  it('a tracker that refuses leaves its cursor alone, is reported failing, and is caught up later', async () => {
    const item = await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    await runSync();
    gh.closeAsHuman('acme/api', item.ticket.number);
    gh.http.failNext(
      { path: '/api/v3/repos/acme/api/issues' },
      { type: 'status', status: 401, body: { message: 'Bad credentials' } },
      1,
    );
    const failed = await runSync();
    expect(project(failed, 'acme/api').error).toBeDefined();
    expect((await getItem(item.id)).status).toBe('open');
    const conn = (await t.as('admin').get(`/tracker-connections/${conns.github}`)).body;
    expect(conn.health).toMatchObject({ state: 'failing', failingSince: expect.any(String) });
    await runSync();
    expect((await getItem(item.id)).status).toBe('done');
    expect((await t.as('admin').get(`/tracker-connections/${conns.github}`)).body.health.state).toBe('ok');
  });

  it('a ticket whose creation gave up while the tracker was down is queued again once it answers', async () => {
    await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const accepted = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send({ ...goodItem(owner.id), tracker: { connectionId: conns.github, repo: 'acme/web' } });
    const id = accepted.body.id as string;
    gh.http.failNext({ method: 'POST', path: '/api/v3/repos/acme/web/issues' }, { type: 'status', status: 503 }, 1);
    await t.app.get(TicketCreatorJob).run(id, 10); // the last of its retries
    expect((await getItem(id)).ticket).toMatchObject({ state: 'failed', problem: expect.any(String) });

    // Still down: nothing is queued.
    gh.http.failNext(
      { path: '/api/v3/repos/acme/api/issues' },
      { type: 'status', status: 401, body: { message: 'Bad credentials' } },
      1,
    );
    expect((await runSync()).requeued).toBe(0);
    expect((await getItem(id)).ticket.state).toBe('failed');

    // Answering again: the sync queues it, and the creator makes exactly one ticket.
    expect((await runSync()).requeued).toBe(1);
    expect((await getItem(id)).ticket).toMatchObject({ state: 'pending', problem: null });
    await t.app.get(TicketCreatorJob).run(id);
    expect((await getItem(id)).ticket.state).toBe('linked');
    expect(gh.allIssues('acme/web').filter((i) => i.body.includes(id))).toHaveLength(1);
    expect((await runSync()).requeued).toBe(0);
  });

  it('two replicas syncing at once: one syncs each project, the other skips it', async () => {
    await linkedItem({ connectionId: conns.github, repo: 'acme/api' });
    const sync = t.app.get(TrackerSyncService);
    gh.http.latencyMs = 50;
    try {
      const [x, y] = await Promise.all([sync.run(), sync.run()]);
      const api = [x, y].map((r) => r.projects.find((p) => p.project === 'acme/api')!);
      expect(api.filter((p) => p.skipped)).toHaveLength(1);
    } finally {
      gh.http.latencyMs = 0;
    }
  });

  it('a disabled connection is not synced', async () => {
    await t.app
      .get(TrackerSyncService)
      ['ds'].getRepository(TrackerConnection)
      .update({ id: conns.dc }, { enabled: false });
    try {
      const res = await runSync();
      expect(res.projects.map((p) => p.connection)).not.toContain('jira-dc');
    } finally {
      await t.app
        .get(TrackerSyncService)
        ['ds'].getRepository(TrackerConnection)
        .update({ id: conns.dc }, { enabled: true });
    }
  });

  it('forgets webhook delivery ids after 30 days, and only those', async () => {
    const ds = t.app.get(TrackerSyncService)['ds'];
    await ds.query(
      `INSERT INTO webhook_delivery (source, delivery_id, received_at) VALUES ('github', 'old-1', now() - interval '31 days'), ('github', 'new-1', now() - interval '29 days')`,
    );
    expect(await t.app.get(WebhookPruneJob).pruneDeliveries()).toBe(1);
    const left = await ds.query<Array<{ delivery_id: string }>>(
      `SELECT delivery_id FROM webhook_delivery WHERE delivery_id IN ('old-1', 'new-1')`,
    );
    expect(left.map((r) => r.delivery_id)).toEqual(['new-1']);
  });

  it('the scheduled tick only enqueues, once per interval however many replicas tick', async () => {
    const job = t.app.get(TrackerSyncJob);
    const first = await job.tick();
    const second = await job.tick();
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
  });
});

describe('nightly reconcile boundary', () => {
  it('is today at the hour once it has passed, else yesterday', () => {
    expect(lastReconcileBoundary(new Date('2026-11-22T05:00:00Z'), 3).toISOString()).toBe('2026-11-22T03:00:00.000Z');
    expect(lastReconcileBoundary(new Date('2026-11-22T02:59:00Z'), 3).toISOString()).toBe('2026-11-21T03:00:00.000Z');
    expect(lastReconcileBoundary(new Date('2026-03-01T00:30:00Z'), 3).toISOString()).toBe('2026-02-28T03:00:00.000Z');
  });
});
