import { FakeGithub } from '../fakes/fake-github.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let gh: FakeGithub;
beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  await gh.start();
  gh.addUser('marcus-lee');
  t = await startTestApp({
    JOBS_ENABLED: 'true',
    TICKET_RETRY_DELAY_SECONDS: '1',
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_TOKEN: gh.token,
    GITHUB_REPO: 'acme/api',
  });
});
afterEach(() => gh.http.assertNoViolations());
afterAll(async () => {
  await t?.close();
  await gh?.stop();
});

async function acceptWithTicket() {
  const conn = (await t.as('admin').get('/tracker-connections')).body.items.find(
    (c: { name: string }) => c.name === 'default-github',
  );
  const owner = await makePerson(t, { githubLogin: 'marcus-lee' });
  const pm = await makePostmortem(t);
  const rec = await makeRecommendation(t, pm.id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(owner.id), tracker: { connectionId: conn.id } });
  expect(res.body.ticket.state).toBe('pending');
  return res.body.id as string;
}

/** The item once its ticket job has run (with its retries), checked to be in `state`. */
async function waitForTicket(itemId: string, state: string) {
  await drainJobs(t.app, { queues: ['ticket-create'] });
  const item = (await t.as('viewer').get(`/action-items/${itemId}`)).body;
  expect(item.ticket?.state).toBe(state);
  return item;
}

/** Creates that made a ticket (answered 201, or made it and lost the answer) for this item. */
const createsFor = (itemId: string) =>
  gh.http.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path.endsWith('/repos/acme/api/issues') &&
      JSON.stringify(r.body).includes(itemId) &&
      (r.status === 201 || r.fault === 'drop-response'),
  );

describe('ticket creation job', () => {
  it('creates the ticket, links it back and assigns the owner', async () => {
    const id = await acceptWithTicket();
    const item = await waitForTicket(id, 'linked');
    expect(item.ticket).toMatchObject({
      repo: 'acme/api',
      key: expect.stringMatching(/^acme\/api#\d+$/),
      number: expect.any(Number),
      url: expect.stringContaining('/acme/api/issues/'),
    });
    expect(createsFor(id)).toHaveLength(1);
    expect(createsFor(id)[0].body).toMatchObject({
      assignees: ['marcus-lee'],
      labels: expect.arrayContaining(['postmortem']),
    });
  });

  it('exactly once: a create whose response is lost is found by its marker, not created again', async () => {
    gh.http.failNext({ method: 'POST', path: '/api/v3/repos/acme/api/issues' }, { type: 'drop-response' }, 1);
    const id = await acceptWithTicket();
    const item = await waitForTicket(id, 'linked');
    expect(createsFor(id)).toHaveLength(1);
    expect(item.ticket.key).toMatch(/^acme\/api#\d+$/);
  });

  it('marks the ticket failed with the reason when the tracker refuses for good', async () => {
    gh.http.failNext(
      { method: 'POST', path: '/api/v3/repos/acme/api/issues' },
      { type: 'status', status: 403, body: { message: 'Resource not accessible by integration' } },
      1,
    );
    const id = await acceptWithTicket();
    const item = await waitForTicket(id, 'failed');
    expect(item.ticket.problem).toMatch(/not accessible/i);
  });
});
