import type { DatabaseTarget } from '../../src/database/database-target.js';
import { itemIdFromBody } from '../../src/trackers/github/github.mapper.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Two replicas of the service on one database, both running workers: every accepted item
 * gets exactly one ticket, even when creates lose their answers and a replica stops midway.
 */
let db: DatabaseTarget;
let gh: FakeGithub;
let a: TestApp;
let b: TestApp | null;
const ITEMS = 8;

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  await gh.start();
  gh.addUser('marcus-lee');
  db = await createTestDatabase();
  const env = {
    JOBS_ENABLED: 'true',
    TICKET_RETRY_DELAY_SECONDS: '1',
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_TOKEN: gh.token,
    GITHUB_REPO: 'acme/api',
  };
  a = await startTestApp(env, db);
  b = await startTestApp(env, db);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await db?.stop();
  await gh?.stop();
});

it('two workers create each ticket exactly once, through lost answers and a replica stopping', async () => {
  gh.http.latencyMs = 30;
  gh.http.failNext({ method: 'POST', path: '/api/v3/repos/acme/api/issues' }, { type: 'drop-response' }, 3);
  const conn = (await a.as('admin').get('/tracker-connections')).body.items.find(
    (c: { name: string }) => c.name === 'default-github',
  );
  const owner = await makePerson(a, { githubLogin: 'marcus-lee' });
  const pm = await makePostmortem(a);
  const ids: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const rec = await makeRecommendation(a, pm.id, `Add a CI check for locking migrations, part ${i}`);
    const app = i % 2 ? b! : a;
    const res = await app
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send({
        ...goodItem(owner.id),
        title: `Add a CI check that rejects locking migration pattern number ${i} on big tables`,
        tracker: { connectionId: conn.id },
      });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  // One replica goes away while work is in flight; the other finishes it.
  await new Promise((r) => setTimeout(r, 1500));
  await b!.close();
  b = null;

  await drainJobs(a.app, { queues: ['ticket-create'], timeoutMs: 90_000 });
  const items = await Promise.all(ids.map(async (id) => (await a.as('viewer').get(`/action-items/${id}`)).body));
  expect(items.map((i) => i.ticket?.state)).toEqual(ids.map(() => 'linked'));
  const issues = gh.allIssues('acme/api');
  const markers = issues.map((i) => itemIdFromBody(i.body));
  expect(issues).toHaveLength(ITEMS);
  expect(new Set(markers)).toEqual(new Set(ids));
  const keys = await Promise.all(
    ids.map(async (id) => (await a.as('viewer').get(`/action-items/${id}`)).body.ticket.key),
  );
  expect(new Set(keys).size).toBe(ITEMS);
  gh.http.assertNoViolations();
}, 120_000);
