import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hmacSha256Hex } from '../../src/trackers/webhooks/webhook-signature.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira } from '../fakes/fake-jira.server.js';
import { OpenApiValidator } from '../fakes/openapi-validator.js';
import { goodItem, inDays, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { connectionIds, trackerEnv } from '../support/tracker-fixtures.js';

const GH_SECRET = 'gh-webhook-secret-0123';
const JIRA_SECRET = 'jira-webhook-secret-0123';
const HUMAN = '5b10ac8d82e05b22cc7d0001';

let t: TestApp;
let gh: FakeGithub;
let jira: FakeJira;
/** A second Jira site whose connection has no webhook secret (unsigned deliveries). */
let jira2: FakeJira;
let ghConnId: string;
let jiraConnId: string;
let jira2ConnId: string;
let ds: DataSource;

const githubWebhooks = () => OpenApiValidator.forDocument('github-webhooks-issues.json');
const jiraApi = () => OpenApiValidator.forDocument('jira-cloud-v3-issues.json', { jiraTimestamps: true });

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api', 'acme/other'], pathPrefix: '/api/v3' });
  jira = new FakeJira({ flavor: 'cloud' });
  jira2 = new FakeJira({ flavor: 'cloud' });
  await Promise.all([gh.start(), jira.start(), jira2.start()]);
  gh.addUser('marcus-lee');
  for (const fake of [jira, jira2]) {
    fake.addUser(HUMAN, 'Alice Human');
    fake.addUser('acc-owner-1', 'Owner One');
    fake.addUser('acc-owner-2', 'Owner Two');
    fake.addUser('acc-nobody', 'Not In Our People');
  }
  t = await startTestApp({
    JOBS_ENABLED: 'true',
    TICKET_RETRY_DELAY_SECONDS: '1',
    ...trackerEnv({ gh, jira }),
    GITHUB_WEBHOOK_SECRET: GH_SECRET,
    JIRA_WEBHOOK_SECRET: JIRA_SECRET,
  });
  ds = t.app.get(DataSource);
  const ids = await connectionIds(t);
  ghConnId = ids['default-github']!;
  jiraConnId = ids['default-jira']!;
  const created = await t.as('admin').post('/tracker-connections').send({
    kind: 'jira',
    name: 'unsigned-jira',
    baseUrl: jira2.http.url,
    flavor: 'cloud',
    email: jira2.email,
    token: jira2.token,
    defaultProject: 'OPS',
  });
  expect(created.status).toBe(201);
  jira2ConnId = created.body.id;
});
afterEach(() => {
  gh.http.assertNoViolations();
  jira.http.assertNoViolations();
  jira2.http.assertNoViolations();
});
afterAll(async () => {
  await t?.close();
  await Promise.all([gh?.stop(), jira?.stop(), jira2?.stop()]);
});

// ---- helpers ---------------------------------------------------------------------------------

interface ItemView {
  id: string;
  status: string;
  ownerId: string;
  dueDate: string;
  wontDoReason: string | null;
  ticket: { state: string; key: string; number: number | null; problem: string | null };
}

async function getItem(id: string): Promise<ItemView> {
  return (await t.as('viewer').get(`/action-items/${id}`)).body as ItemView;
}

/** The item once the queued jobs ran, checked to be in the expected state. */
async function waitForItem(id: string, done: (item: ItemView) => boolean): Promise<ItemView> {
  await drainJobs(t.app, { queues: ['ticket-create', 'tracker-webhook'] });
  const item = await getItem(id);
  if (!done(item)) throw new Error(`item did not reach the expected state: ${JSON.stringify(item)}`);
  return item;
}

/** Waits until pg-boss has no tracker-webhook job left to run, so "nothing changed" is checked after processing. */
const webhookJobsIdle = () => drainJobs(t.app, { queues: ['tracker-webhook'] });

async function deliveryStored(source: string, id: string): Promise<boolean> {
  return (
    (await ds.query<unknown[]>(`SELECT 1 FROM webhook_delivery WHERE source = $1 AND delivery_id = $2`, [source, id]))
      .length > 0
  );
}

/** An item accepted with a ticket on a connection, once the ticket is linked. */
async function itemWithTicket(connectionId: string, owner: Record<string, unknown>) {
  const person = await makePerson(t, owner);
  const pm = await makePostmortem(t);
  const rec = await makeRecommendation(t, pm.id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(person.id), tracker: { connectionId } });
  expect(res.status).toBe(201);
  return waitForItem(res.body.id, (i) => i.ticket?.state === 'linked');
}

const githubItem = () => itemWithTicket(ghConnId, { githubLogin: 'marcus-lee' });
const jiraItem = (connectionId = jiraConnId) => itemWithTicket(connectionId, { jiraAccountId: 'acc-owner-1' });

function githubPayload(action: string, number: number, sender = 'alice', changes?: Record<string, unknown>) {
  const payload = gh.webhookPayload(action, 'acme/api', number, sender, changes);
  expect(githubWebhooks().validateComponent(`webhook-issues-${action}`, payload)).toEqual([]);
  return payload;
}

function postGithub(
  body: string | object,
  opts: { event?: string; delivery?: string; secret?: string; signature?: string | null } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const req = t
    .anon()
    .post('/api/v1/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', opts.event ?? 'issues')
    .set('X-GitHub-Delivery', opts.delivery ?? randomUUID());
  const signature =
    opts.signature === undefined ? `sha256=${hmacSha256Hex(opts.secret ?? GH_SECRET, raw)}` : opts.signature;
  if (signature !== null) req.set('X-Hub-Signature-256', signature);
  return req.send(raw);
}

function jiraPayload(
  fake: FakeJira,
  key: string,
  event: 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted',
  actor = HUMAN,
) {
  const payload = fake.webhookPayload(key, event, actor);
  // No published schema for Jira's webhook envelope; its issue is the REST API's IssueBean.
  expect(jiraApi().validateComponent('IssueBean', payload.issue)).toEqual([]);
  return payload;
}

function postJira(
  body: string | object,
  opts: { identifier?: string | null; secret?: string | null; signature?: string } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const req = t.anon().post('/api/v1/webhooks/jira').set('Content-Type', 'application/json');
  const identifier = opts.identifier === undefined ? randomUUID() : opts.identifier;
  if (identifier !== null) req.set('X-Atlassian-Webhook-Identifier', identifier);
  const secret = opts.secret === undefined ? JIRA_SECRET : opts.secret;
  if (opts.signature) req.set('X-Hub-Signature', opts.signature);
  else if (secret !== null) req.set('X-Hub-Signature', `sha256=${hmacSha256Hex(secret, raw)}`);
  return req.send(raw);
}

/** A human acts a little later than the last change, as in real life (GitHub times have whole seconds). */
const later = () => {
  gh.clock.advance(2000);
  jira.clock.advance(2000);
  jira2.clock.advance(2000);
};

// ---- GitHub ----------------------------------------------------------------------------------

describe('POST /webhooks/github', () => {
  it('signs with HMAC-SHA256 as GitHub documents (test vector)', () => {
    expect(hmacSha256Hex("It's a Secret to Everybody", 'Hello, World!')).toBe(
      '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it('is documented in the OpenAPI document under the webhooks tag, without a bearer token', async () => {
    const paths = (await t.anon().get('/api/docs-json')).body.paths as Record<
      string,
      { post: { tags: string[]; security?: unknown[] } }
    >;
    for (const p of ['/api/v1/webhooks/github', '/api/v1/webhooks/jira']) {
      expect(paths[p]?.post.tags).toEqual(['webhooks']);
      expect(paths[p]?.post.security).toBeUndefined();
    }
  });

  it('applies closed as completed (done), reopened (open) and closed as not planned (wont_do)', async () => {
    const item = await githubItem();
    const n = item.ticket.number!;

    later();
    gh.closeAsHuman('acme/api', n, 'completed');
    const res = await postGithub(githubPayload('closed', n));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true, duplicate: false });
    await waitForItem(item.id, (i) => i.status === 'done');

    later();
    gh.reopenAsHuman('acme/api', n);
    expect((await postGithub(githubPayload('reopened', n))).status).toBe(202);
    await waitForItem(item.id, (i) => i.status === 'open');

    later();
    gh.closeAsHuman('acme/api', n, 'not_planned');
    expect((await postGithub(githubPayload('closed', n))).status).toBe(202);
    const closed = await waitForItem(item.id, (i) => i.status === 'wont_do');
    expect(closed.wontDoReason).toMatch(/acme\/api#\d+/);
  });

  it('rejects a missing or wrong signature with 401 and changes nothing', async () => {
    const item = await githubItem();
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n);
    const payload = githubPayload('closed', n);
    const delivery = randomUUID();

    const missing = await postGithub(payload, { delivery, signature: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringMatching(/X-Hub-Signature-256 is missing/),
    });

    const wrongSecret = await postGithub(payload, { delivery, secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.message).toMatch(/does not match/);
    expect(JSON.stringify(wrongSecret.body)).not.toContain(GH_SECRET);

    // Signed for another body: a tampered payload.
    const tampered = await postGithub(
      { ...payload, action: 'reopened' },
      { delivery, signature: `sha256=${hmacSha256Hex(GH_SECRET, JSON.stringify(payload))}` },
    );
    expect(tampered.status).toBe(401);
    expect((await postGithub(payload, { delivery, signature: 'sha256=nothex' })).status).toBe(401);
    expect(
      (await postGithub(payload, { delivery, signature: hmacSha256Hex(GH_SECRET, JSON.stringify(payload)) })).status,
    ).toBe(401);

    expect(await deliveryStored('github', delivery)).toBe(false);
    await webhookJobsIdle();
    expect(await getItem(item.id)).toMatchObject({ status: 'open', ticket: { state: 'linked' } });

    // The rejected attempts did not use up the delivery id: the real delivery is accepted.
    expect((await postGithub(payload, { delivery })).status).toBe(202);
    await waitForItem(item.id, (i) => i.status === 'done');
  });

  it('answers a redelivery with 200 duplicate and processes it once', async () => {
    const item = await githubItem();
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n);
    const closed = githubPayload('closed', n);
    const delivery = randomUUID();
    expect((await postGithub(closed, { delivery })).status).toBe(202);
    await waitForItem(item.id, (i) => i.status === 'done');

    const replay = await postGithub(closed, { delivery });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ accepted: true, duplicate: true });
    // Reopened by hand since: a delivery under the same id (whatever its body) is not processed again.
    later();
    gh.reopenAsHuman('acme/api', n);
    const sameId = await postGithub(githubPayload('reopened', n), { delivery });
    expect(sameId.status).toBe(200);
    expect(sameId.body).toEqual({ accepted: true, duplicate: true });

    await webhookJobsIdle();
    expect((await getItem(item.id)).status).toBe('done');
    const [{ jobs }] = await ds.query<Array<{ jobs: number }>>(
      `SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = 'tracker-webhook' AND data->'payload'->'issue'->>'number' = $1 AND data->'payload'->'repository'->>'full_name' = 'acme/api'`,
      [String(n)],
    );
    expect(jobs).toBe(1);
  });

  it("ignores changes made by the service's own account (no echo)", async () => {
    const item = await githubItem();
    const n = item.ticket.number!;
    later();
    gh.closeAsHuman('acme/api', n, 'completed', gh.login);
    expect((await postGithub(githubPayload('closed', n, gh.login))).status).toBe(202);
    await webhookJobsIdle();
    expect((await getItem(item.id)).status).toBe('open');
    // Case differences in the login are still ourselves.
    expect((await postGithub(githubPayload('closed', n, gh.login.toUpperCase()))).status).toBe(202);
    await webhookJobsIdle();
    expect((await getItem(item.id)).status).toBe('open');
  });

  it('flags the item when its ticket is deleted', async () => {
    const item = await githubItem();
    const n = item.ticket.number!;
    gh.deleteIssue('acme/api', n);
    expect((await postGithub(githubPayload('deleted', n))).status).toBe(202);
    const flagged = await waitForItem(item.id, (i) => i.ticket.state === 'missing');
    expect(flagged.ticket.problem).toBe(`acme/api#${n} was deleted on GitHub`);
    expect(flagged.status).toBe('open');
  });

  it('flags the item when its ticket is transferred, naming where it went', async () => {
    const item = await githubItem();
    const n = item.ticket.number!;
    const moved = gh.transferIssue('acme/api', n, 'acme/other');
    const target = gh.webhookPayload('opened', 'acme/other', moved);
    const payload = githubPayload('transferred', n, 'alice', {
      new_issue: target.issue,
      new_repository: target.repository,
    });
    expect((await postGithub(payload)).status).toBe(202);
    const flagged = await waitForItem(item.id, (i) => i.ticket.state === 'missing');
    expect(flagged.ticket.problem).toBe(`acme/api#${n} was transferred to acme/other#${moved}`);
  });

  it('acknowledges a ping (and other events) without storing anything', async () => {
    const now = new Date().toISOString();
    const ping = {
      zen: 'Keep it logically awesome.',
      hook_id: 42,
      hook: {
        type: 'Repository',
        id: 42,
        name: 'web',
        active: true,
        events: ['issues'],
        config: {
          content_type: 'json',
          insecure_ssl: '0',
          url: 'https://remediation.example.com/api/v1/webhooks/github',
        },
        created_at: now,
        updated_at: now,
      },
    };
    expect(githubWebhooks().validateComponent('webhook-ping', ping)).toEqual([]);
    const delivery = randomUUID();
    const res = await postGithub(ping, { event: 'ping', delivery });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: false, ignored: 'ping' });
    expect(await deliveryStored('github', delivery)).toBe(false);
    // Even a ping must be signed.
    expect((await postGithub(ping, { event: 'ping', signature: null })).status).toBe(401);
  });

  it('rejects bodies it cannot read with 400', async () => {
    const invalidJson = await postGithub('{"action": "closed",');
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/not valid JSON/) });

    // The signature is checked before the body is read: forged, unreadable or empty is still 401.
    expect((await postGithub('{"action": "closed",', { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    expect(
      (
        await t
          .anon()
          .post('/api/v1/webhooks/github')
          .set('X-GitHub-Event', 'issues')
          .set('X-GitHub-Delivery', randomUUID())
      ).status,
    ).toBe(401);

    const notIssues = await postGithub({ action: 'closed' });
    expect(notIssues.status).toBe(400);
    expect(notIssues.body.details).toEqual([{ field: 'body', problem: expect.stringMatching(/issue or repository/) }]);

    const longId = await postGithub(
      { action: 'closed', issue: {}, repository: { full_name: 'acme/api' } },
      { delivery: 'x'.repeat(201) },
    );
    expect(longId.status).toBe(400);
    expect(longId.body.details).toEqual([{ field: 'X-GitHub-Delivery', problem: expect.any(String) }]);

    const signature = `sha256=${hmacSha256Hex(GH_SECRET, '')}`;
    const empty = await t
      .anon()
      .post('/api/v1/webhooks/github')
      .set('X-GitHub-Event', 'issues')
      .set('X-GitHub-Delivery', randomUUID())
      .set('X-Hub-Signature-256', signature);
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/body is missing/);
    // GitHub can be set to send form-encoded deliveries: only JSON is read.
    const form = 'payload=%7B%7D';
    const formRes = await t
      .anon()
      .post('/api/v1/webhooks/github')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-GitHub-Event', 'issues')
      .set('X-GitHub-Delivery', randomUUID())
      .set('X-Hub-Signature-256', `sha256=${hmacSha256Hex(GH_SECRET, form)}`)
      .send(form);
    expect(formRes.status).toBe(400);
    expect(formRes.body.message).toMatch(/application\/json/);
  });
});

// ---- Jira ------------------------------------------------------------------------------------

describe('webhook metrics', () => {
  it('counts deliveries by source and outcome on /metrics', async () => {
    const metric = async (outcome: string) => {
      const text = (await t.anon().get('/metrics')).text;
      return Number(
        text.match(new RegExp(`webhook_deliveries_total\\{source="github",outcome="${outcome}"\\} (\\d+)`))?.[1] ?? 0,
      );
    };
    const [rejected, ignored] = [await metric('rejected'), await metric('ignored')];
    expect((await postGithub({ zen: 'hi' }, { event: 'ping', signature: 'sha256=' + '0'.repeat(64) })).status).toBe(
      401,
    );
    expect((await postGithub({ zen: 'hi', hook_id: 1 }, { event: 'ping' })).status).toBe(200);
    expect(await metric('rejected')).toBe(rejected + 1);
    expect(await metric('ignored')).toBe(ignored + 1);
  });
});

describe('POST /webhooks/jira', () => {
  it('applies a signed Cloud delivery: done, then a redelivery is a duplicate', async () => {
    const item = await jiraItem();
    const key = item.ticket.key;
    later();
    jira.transitionAsHuman(key, 'done');
    const payload = jiraPayload(jira, key, 'jira:issue_updated');
    const identifier = randomUUID();
    const res = await postJira(payload, { identifier });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true, duplicate: false });
    await waitForItem(item.id, (i) => i.status === 'done');
    expect((await postJira(payload, { identifier })).body).toEqual({ accepted: true, duplicate: true });
  });

  it('follows assignee changes: a known person becomes owner, an unknown one flags the item', async () => {
    const item = await jiraItem();
    const key = item.ticket.key;
    const newOwner = await makePerson(t, { jiraAccountId: 'acc-owner-2' });
    later();
    jira.setAssignee(key, 'acc-owner-2');
    expect((await postJira(jiraPayload(jira, key, 'jira:issue_updated'))).status).toBe(202);
    await waitForItem(item.id, (i) => i.ownerId === newOwner.id);

    later();
    jira.setAssignee(key, 'acc-nobody');
    expect((await postJira(jiraPayload(jira, key, 'jira:issue_updated'))).status).toBe(202);
    const flagged = await waitForItem(item.id, (i) => Boolean(i.ticket.problem));
    expect(flagged.ticket.problem).toMatch(/assigned to "acc-nobody", who matches no active person/);
    expect(flagged.ownerId).toBe(newOwner.id);
  });

  it('takes a due date changed in Jira', async () => {
    const item = await jiraItem();
    const due = inDays(45);
    later();
    jira.setDueDate(item.ticket.key, due);
    expect((await postJira(jiraPayload(jira, item.ticket.key, 'jira:issue_updated'))).status).toBe(202);
    await waitForItem(item.id, (i) => i.dueDate === due);
  });

  it('flags the item when its issue is deleted or moved to another project', async () => {
    const [deleted, moved] = await Promise.all([jiraItem(), jiraItem()]);
    const deletedPayload = jiraPayload(jira, deleted.ticket.key, 'jira:issue_deleted');
    jira.deleteIssue(deleted.ticket.key);
    expect((await postJira(deletedPayload)).status).toBe(202);
    const gone = await waitForItem(deleted.id, (i) => i.ticket.state === 'missing');
    expect(gone.ticket.problem).toBe(`${deleted.ticket.key} was deleted in Jira`);

    const oldKey = moved.ticket.key;
    const newKey = jira.moveIssue(oldKey, 'MOVED');
    const payload = jiraPayload(jira, newKey, 'jira:issue_updated');
    payload.changelog = {
      id: '10200',
      items: [{ field: 'Key', fieldtype: 'jira', from: null, fromString: oldKey, to: null, toString: newKey }],
    };
    expect((await postJira(payload)).status).toBe(202);
    const flagged = await waitForItem(moved.id, (i) => i.ticket.state === 'missing');
    expect(flagged.ticket.problem).toBe(`${oldKey} was moved to ${newKey} in Jira`);
  });

  it('rejects a missing or wrong signature for a connection with a secret', async () => {
    const item = await jiraItem();
    later();
    jira.transitionAsHuman(item.ticket.key, 'done');
    const payload = jiraPayload(jira, item.ticket.key, 'jira:issue_updated');
    const identifier = randomUUID();

    const unsigned = await postJira(payload, { identifier, secret: null });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.message).toMatch(/X-Hub-Signature is missing/);
    const wrong = await postJira(payload, { identifier, secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/does not match/);
    // GitHub's header name is not Jira's.
    const raw = JSON.stringify(payload);
    const otherHeader = await t
      .anon()
      .post('/api/v1/webhooks/jira')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', `sha256=${hmacSha256Hex(JIRA_SECRET, raw)}`)
      .send(raw);
    expect(otherHeader.status).toBe(401);

    expect(await deliveryStored('jira', identifier)).toBe(false);
    await webhookJobsIdle();
    expect((await getItem(item.id)).status).toBe('open');
  });

  it('accepts unsigned deliveries for a connection without a secret, deduplicated by body when there is no identifier', async () => {
    const [item, signedSiteItem] = await Promise.all([jiraItem(jira2ConnId), jiraItem()]);
    const key = item.ticket.key;
    later();
    jira2.transitionAsHuman(key, 'done', "Won't Do");
    const payload = jiraPayload(jira2, key, 'jira:issue_updated');

    const first = await postJira(payload, { identifier: null, secret: null });
    expect(first.status).toBe(202);
    const closed = await waitForItem(item.id, (i) => i.status === 'wont_do');
    expect(closed.ticket.state).toBe('linked');
    // Data Center style: no identifier, the same body again is the same delivery.
    expect((await postJira(payload, { identifier: null, secret: null })).body).toEqual({
      accepted: true,
      duplicate: true,
    });

    // An unsigned delivery claiming the signed site's issue is refused.
    const forged = jiraPayload(jira, signedSiteItem.ticket.key, 'jira:issue_deleted');
    const res = await postJira(forged, { secret: null });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/has a webhook secret/);
  });

  it('ignores events other than issue created/updated/deleted, and rejects invalid JSON', async () => {
    const res = await postJira({
      webhookEvent: 'comment_created',
      timestamp: Date.now(),
      comment: { id: '1', body: 'hi' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: false, ignored: 'comment_created' });

    const invalid = await postJira('{"webhookEvent": ');
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/not valid JSON/);
    // Unsigned, for the site without a secret: still parsed before anything else.
    expect((await postJira('not json', { secret: null })).status).toBe(400);
  });
});
