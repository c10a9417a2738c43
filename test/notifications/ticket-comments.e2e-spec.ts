import { TicketActionsService } from '../../src/trackers/index.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira } from '../fakes/fake-jira.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { assertFakesClean, connectionIds, trackerEnv } from '../support/tracker-fixtures.js';

/**
 * NUDGE_TICKET_COMMENTS: each escalation step of the nudges (manager copied, then facilitator
 * copied) leaves one comment on the item's ticket, through the real queue and the fake GitHub
 * and Jira; off (the default), the tickets hear nothing.
 */
let gh: FakeGithub;
let jira: FakeJira;

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  jira = new FakeJira({ flavor: 'cloud', projects: ['OPS'] });
  await Promise.all([gh.start(), jira.start()]);
  gh.addUser('marcus-lee');
});
afterEach(() => assertFakesClean(gh, jira));
afterAll(async () => {
  await Promise.all([gh?.stop(), jira?.stop()]);
});

/** `flag` undefined: the variable is not set at all (the default). */
const appWith = (flag?: 'true') =>
  startTestApp({
    JOBS_ENABLED: 'true',
    TICKET_RETRY_DELAY_SECONDS: '1',
    ...(flag ? { NUDGE_TICKET_COMMENTS: flag } : {}),
    ...trackerEnv({ gh, jira }),
  });

/** An owner with a manager and a facilitator, and two items due Wed 10 Mar 2027: one on a GitHub ticket, one on Jira. */
async function escalatingItems(t: TestApp) {
  const conns = await connectionIds(t);
  const manager = await makePerson(t, { name: 'Mo Manager' });
  const owner = await makePerson(t, { name: 'Olu Owner', managerId: manager.id, githubLogin: 'marcus-lee' });
  const facilitator = await makePerson(t, { name: 'Fay Facilitator' });
  const pm = await makePostmortem(t, { facilitatorId: facilitator.id });
  const accept = async (over: Record<string, unknown>) => {
    const rec = await makeRecommendation(t, pm.id, `Add a CI check for locking migrations ${Math.random()}`);
    const res = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send(goodItem(owner.id, { dueDate: '2027-03-10', ...over }));
    if (res.status !== 201) throw new Error(`accept: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const onGithub = await accept({ tracker: { connectionId: conns['default-github'] } });
  await drainJobs(t.app, { queues: ['ticket-create'] });
  const number = (await t.as('viewer').get(`/action-items/${onGithub.id}`)).body.ticket.number as number;
  const seeded = jira.seedIssue({ project: 'OPS', summary: 'Alert on pool saturation', labels: ['postmortem'] });
  const onJira = await accept({});
  const linked = await t
    .as('editor')
    .post(`/action-items/${onJira.id}/link`)
    .send({ url: `${jira.http.url}/browse/${seeded.key}` });
  expect(linked.status).toBe(200);
  return {
    itemIds: [onGithub.id, onJira.id],
    people: [manager, owner, facilitator],
    githubComments: () => gh.issue('acme/api', number)!.comments.map((c) => c.body),
    jiraComments: () => jira.issue(seeded.key)!.comments.map((c) => c.body),
  };
}

const nudge = async (t: TestApp, now: string) => {
  const res = await t.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now });
  expect(res.status).toBe(200);
  await drainJobs(t.app, { queues: ['nudge-ticket-comment'] });
  return res.body as { sent: number; outbox: number };
};

describe('NUDGE_TICKET_COMMENTS=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appWith('true');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('comments once per escalation step on GitHub and Jira, naming who is copied, never their addresses', async () => {
    const c = await escalatingItems(t);
    // Day 1 overdue: a nudge, no escalation, no comment.
    await nudge(t, '2027-03-11T14:00:00Z');
    expect([c.githubComments(), c.jiraComments()]).toEqual([[], []]);

    // Day 15 (Thu 25 Mar): the manager is copied; one comment on each ticket. The same run again: nothing new.
    expect((await nudge(t, '2027-03-25T14:00:00Z')).outbox).toBeGreaterThanOrEqual(2);
    const manager =
      'This remediation item is 15 days overdue (due Wed 10 Mar 2027). The reminders to Olu Owner now copy Mo Manager.';
    expect(c.githubComments()).toEqual([manager]);
    expect(c.jiraComments()).toEqual([manager]);
    await nudge(t, '2027-03-25T15:00:00Z');
    // Day 22: the weekly nudge at the same escalation: still one comment.
    await nudge(t, '2027-04-01T14:00:00Z');
    expect(c.githubComments()).toHaveLength(1);
    expect(c.jiraComments()).toHaveLength(1);

    // Day 33 (Mon 12 Apr): the facilitator too; a second comment, once.
    await nudge(t, '2027-04-12T14:00:00Z');
    await nudge(t, '2027-04-12T15:00:00Z');
    const facilitator =
      'This remediation item is 33 days overdue (due Wed 10 Mar 2027). The reminders to Olu Owner now copy Mo Manager and Fay Facilitator.';
    expect(c.githubComments()).toEqual([manager, facilitator]);
    expect(c.jiraComments()).toEqual([manager, facilitator]);
    // What a retried job finds: the recorded marker, so nothing is posted again.
    for (const id of c.itemIds)
      await expect(t.app.get(TicketActionsService).comment(id, 'again', 'nudge-escalation:manager')).resolves.toBe(
        'skipped',
      );
    expect(c.githubComments()).toHaveLength(2);
    for (const body of [...c.githubComments(), ...c.jiraComments()])
      for (const p of c.people) expect(body).not.toContain(p.email);
  });
});

describe('NUDGE_TICKET_COMMENTS unset (off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appWith();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('escalates by email only and leaves the tickets alone', async () => {
    const c = await escalatingItems(t);
    expect((await nudge(t, '2027-03-25T14:00:00Z')).outbox).toBeGreaterThanOrEqual(2);
    await nudge(t, '2027-04-12T14:00:00Z');
    expect([c.githubComments(), c.jiraComments()]).toEqual([[], []]);
  });
});
