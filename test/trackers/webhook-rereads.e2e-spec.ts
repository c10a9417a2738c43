import { randomUUID } from 'node:crypto';
import { hmacSha256Hex } from '../../src/trackers/webhooks/webhook-signature.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira } from '../fakes/fake-jira.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { connectionIds, trackerEnv } from '../support/tracker-fixtures.js';

/*
 * Deliveries that must not be applied as they are: an unsigned Jira delivery (anyone can send
 * one), a GitHub issue object without the fields its state depends on (the pinned/unpinned
 * examples), and an older view with the same updated_at second as a close. Each makes the
 * service read the ticket from the tracker and apply that.
 */

const GH_SECRET = 'gh-reread-secret-0123';
const HUMAN = '5b10ac8d82e05b22cc7d0042';

let t: TestApp;
let gh: FakeGithub;
let jira: FakeJira;
/** The site whose connection has no webhook secret. */
let open: FakeJira;
let ghConnId: string;
let openConnId: string;

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  jira = new FakeJira({ flavor: 'cloud' });
  open = new FakeJira({ flavor: 'cloud' });
  await Promise.all([gh.start(), jira.start(), open.start()]);
  gh.addUser('marcus-lee');
  for (const fake of [jira, open]) {
    fake.addUser(HUMAN, 'Alice Human');
    fake.addUser('acc-owner-1', 'Owner One');
  }
  t = await startTestApp({
    JOBS_ENABLED: 'true',
    TICKET_RETRY_DELAY_SECONDS: '1',
    ...trackerEnv({ gh, jira }),
    GITHUB_WEBHOOK_SECRET: GH_SECRET,
    JIRA_WEBHOOK_SECRET: 'jira-reread-secret-0123',
  });
  const ids = await connectionIds(t);
  ghConnId = ids['default-github']!;
  const created = await t.as('admin').post('/tracker-connections').send({
    kind: 'jira',
    name: 'jira-without-secret',
    baseUrl: open.http.url,
    flavor: 'cloud',
    email: open.email,
    token: open.token,
    defaultProject: 'OPS',
  });
  expect(created.status).toBe(201);
  openConnId = created.body.id as string;
  // Three fakes and an app on two shared cores can take longer than the default minute.
}, 120_000);
afterEach(() => {
  for (const fake of [gh, jira, open]) fake.http.assertNoViolations();
});
afterAll(async () => {
  await t?.close();
  await Promise.all([gh?.stop(), jira?.stop(), open?.stop()]);
});

interface ItemView {
  id: string;
  status: string;
  ownerId: string;
  wontDoReason: string | null;
  ticket: { state: string; key: string; number: number | null; problem: string | null };
}

const getItem = async (id: string) => (await t.as('viewer').get(`/action-items/${id}`)).body as ItemView;

async function settled(id: string): Promise<ItemView> {
  await drainJobs(t.app);
  return getItem(id);
}

async function itemWithTicket(connectionId: string, owner: Record<string, unknown>): Promise<ItemView> {
  const person = await makePerson(t, owner);
  const rec = await makeRecommendation(t, (await makePostmortem(t)).id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(person.id), tracker: { connectionId } });
  expect(res.status).toBe(201);
  const item = await settled(res.body.id as string);
  expect(item.ticket.state).toBe('linked');
  return item;
}

/** A person acts a while after the last change (GitHub's times have whole seconds). */
const later = () => [gh, jira, open].forEach((f) => f.clock.advance(2000));

function postGithub(payload: object) {
  const raw = JSON.stringify(payload);
  return t
    .anon()
    .post('/api/v1/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', 'issues')
    .set('X-GitHub-Delivery', randomUUID())
    .set('X-Hub-Signature-256', `sha256=${hmacSha256Hex(GH_SECRET, raw)}`)
    .send(raw);
}

function postUnsignedJira(payload: object) {
  return t
    .anon()
    .post('/api/v1/webhooks/jira')
    .set('Content-Type', 'application/json')
    .set('X-Atlassian-Webhook-Identifier', randomUUID())
    .send(JSON.stringify(payload));
}

type Json = Record<string, unknown>;
const issueOf = (payload: Json) => payload.issue as Json;
const fieldsOf = (payload: Json) => issueOf(payload).fields as Json;
const issueReads = (fake: FakeGithub | FakeJira, path: RegExp) => fake.http.requestsMatching('GET', path).length;

describe('GitHub issues deliveries without the state fields', () => {
  it('do not reopen a done item: a pinned issue without state, assignee and labels is read from GitHub', async () => {
    const item = await itemWithTicket(ghConnId, { githubLogin: 'marcus-lee' });
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n, 'completed');
    expect((await postGithub(gh.webhookPayload('closed', 'acme/api', n))).status).toBe(202);
    expect((await settled(item.id)).status).toBe('done');

    // Shaped like GitHub's published "pinned" example: the issue object carries no state,
    // no assignee and no labels.
    later();
    const pinned = gh.webhookPayload('pinned', 'acme/api', n);
    for (const f of ['state', 'state_reason', 'assignee', 'assignees', 'labels']) delete issueOf(pinned)[f];
    const reads = issueReads(gh, new RegExp(`/issues/${n}$`));
    expect((await postGithub(pinned)).status).toBe(202);
    const after = await settled(item.id);
    expect(after).toMatchObject({ status: 'done', ownerId: item.ownerId, ticket: { state: 'linked', problem: null } });
    expect(issueReads(gh, new RegExp(`/issues/${n}$`))).toBe(reads + 1);

    // With labels present but no state ("unpinned"), the state comes from GitHub too.
    later();
    const unpinned = gh.webhookPayload('unpinned', 'acme/api', n);
    delete issueOf(unpinned).state;
    delete issueOf(unpinned).assignee;
    expect((await postGithub(unpinned)).status).toBe(202);
    expect((await settled(item.id)).status).toBe('done');
  });

  it('apply what GitHub says when the re-read finds a change the payload could not show', async () => {
    const item = await itemWithTicket(ghConnId, { githubLogin: 'marcus-lee' });
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n, 'completed');
    const pinned = gh.webhookPayload('pinned', 'acme/api', n);
    delete issueOf(pinned).state;
    expect((await postGithub(pinned)).status).toBe(202);
    expect((await settled(item.id)).status).toBe('done');
  });
});

describe('a GitHub delivery with the same updated_at second as the last change', () => {
  it('is re-read when it disagrees, so an older view delivered after the close does not reopen', async () => {
    const item = await itemWithTicket(ghConnId, { githubLogin: 'marcus-lee' });
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n, 'completed');
    const closed = gh.webhookPayload('closed', 'acme/api', n);
    // The view of the issue just before the close, stamped with the close's second.
    const stale = structuredClone(closed);
    Object.assign(issueOf(stale), { state: 'open', state_reason: null, closed_at: null });
    stale.action = 'edited';
    stale.changes = { title: { from: 'An earlier title' } };

    expect((await postGithub(closed)).status).toBe(202);
    expect((await settled(item.id)).status).toBe('done');
    const reads = issueReads(gh, new RegExp(`/issues/${n}$`));
    expect((await postGithub(stale)).status).toBe(202);
    expect((await settled(item.id)).status).toBe('done');
    expect(issueReads(gh, new RegExp(`/issues/${n}$`))).toBe(reads + 1);
  });
});

describe('wontDoReason says why the ticket was closed', () => {
  it.each(['not_planned', 'duplicate'] as const)('GitHub: the state_reason %s', async (reason) => {
    const item = await itemWithTicket(ghConnId, { githubLogin: 'marcus-lee' });
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n, reason);
    expect((await postGithub(gh.webhookPayload('closed', 'acme/api', n))).status).toBe(202);
    const closed = await settled(item.id);
    expect(closed).toMatchObject({ status: 'wont_do', wontDoReason: `Closed on acme/api#${n} as ${reason}` });
    expect(closed.wontDoReason).not.toMatch(/as closed/);
  });

  it('Jira: the resolution, not the status', async () => {
    const item = await itemWithTicket(openConnId, { jiraAccountId: 'acc-owner-1' });
    later();
    open.transitionAsHuman(item.ticket.key, 'done', "Won't Do");
    expect((await postUnsignedJira(open.webhookPayload(item.ticket.key, 'jira:issue_updated', HUMAN))).status).toBe(
      202,
    );
    const closed = await settled(item.id);
    expect(closed).toMatchObject({ status: 'wont_do', wontDoReason: `Closed on ${item.ticket.key} as Won't Do` });
  });
});

describe('an unsigned Jira delivery (connection without a secret)', () => {
  it('is a hint only: a forged close, reassignment or deletion changes nothing the tracker does not say', async () => {
    const item = await itemWithTicket(openConnId, { jiraAccountId: 'acc-owner-1' });
    const key = item.ticket.key;
    later();
    const forged = open.webhookPayload(key, 'jira:issue_updated', HUMAN);
    Object.assign(fieldsOf(forged), {
      status: {
        id: '10001',
        name: 'Done',
        statusCategory: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
      },
      resolution: { id: '10002', name: "Won't Do" },
      assignee: null,
    });
    const reads = issueReads(open, new RegExp(`/issue/${key}$`));
    expect((await postUnsignedJira(forged)).status).toBe(202);
    expect(await settled(item.id)).toMatchObject({
      status: 'open',
      ownerId: item.ownerId,
      wontDoReason: null,
      ticket: { state: 'linked', problem: null },
    });
    expect(issueReads(open, new RegExp(`/issue/${key}$`))).toBe(reads + 1);

    const deleted = open.webhookPayload(key, 'jira:issue_deleted', HUMAN);
    expect((await postUnsignedJira(deleted)).status).toBe(202);
    expect((await settled(item.id)).ticket).toMatchObject({ state: 'linked', problem: null });
  });

  it('applies what Jira says when the change is real', async () => {
    const item = await itemWithTicket(openConnId, { jiraAccountId: 'acc-owner-1' });
    const key = item.ticket.key;
    later();
    open.transitionAsHuman(key, 'done');
    // Even a delivery whose body says otherwise: the tracker's answer wins.
    const stale = open.webhookPayload(key, 'jira:issue_updated', HUMAN);
    Object.assign(fieldsOf(stale), { resolution: null });
    expect((await postUnsignedJira(stale)).status).toBe(202);
    expect((await settled(item.id)).status).toBe('done');

    open.deleteIssue(key);
    expect((await postUnsignedJira({ ...stale, webhookEvent: 'jira:issue_deleted' })).status).toBe(202);
    expect((await settled(item.id)).ticket).toMatchObject({ state: 'missing' });
  });
});
