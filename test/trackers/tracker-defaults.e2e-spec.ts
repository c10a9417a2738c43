import { randomUUID } from 'node:crypto';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { connectionIds, trackerEnv } from '../support/tracker-fixtures.js';

let t: TestApp;
let gh: FakeGithub;
let github: string;

beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api', 'acme/web'], pathPrefix: '/api/v3' });
  await gh.start();
  t = await startTestApp(trackerEnv({ gh }));
  github = (await connectionIds(t))['default-github']!;
});
afterAll(async () => {
  await t?.close();
  await gh?.stop();
});

async function accept(pmId: string, ownerId: string, extra: Record<string, unknown> = {}) {
  const rec = await makeRecommendation(t, pmId);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(ownerId), ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

describe('default trackers', () => {
  it('accept without tracker uses the postmortem default, else the owner team default; null asks for none', async () => {
    const team = await t
      .as('editor')
      .post('/teams')
      .send({
        name: `Payments ${randomUUID().slice(0, 6)}`,
        defaultTracker: { connectionId: github, repo: 'acme/web' },
      });
    expect(team.status).toBe(201);
    expect(team.body.defaultTracker).toEqual({ connectionId: github, repo: 'acme/web' });
    const owner = await makePerson(t, { teamId: team.body.id });
    const plain = await makePostmortem(t);
    const withDefault = await makePostmortem(t, { defaultTracker: { connectionId: github, repo: 'acme/api' } });

    expect((await accept(plain.id, owner.id)).ticket).toMatchObject({
      state: 'pending',
      connectionId: github,
      repo: 'acme/web',
    });
    expect((await accept(withDefault.id, owner.id)).ticket).toMatchObject({ state: 'pending', repo: 'acme/api' });
    expect(
      (await accept(withDefault.id, owner.id, { tracker: { connectionId: github, repo: 'acme/web' } })).ticket,
    ).toMatchObject({ repo: 'acme/web' });
    expect((await accept(withDefault.id, owner.id, { tracker: null })).ticket).toBeNull();

    // Without any default (a person in no team, a postmortem without one) there is no ticket.
    const loner = await makePerson(t);
    expect((await accept(plain.id, loner.id)).ticket).toBeNull();

    const cleared = await t.as('editor').patch(`/teams/${team.body.id}`).send({ defaultTracker: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.defaultTracker).toBeNull();
    expect((await accept(plain.id, owner.id)).ticket).toBeNull();
  });

  it('a default naming no enabled connection, or the wrong field for its kind, is a 400 naming the field', async () => {
    const bad = await t
      .as('editor')
      .post('/teams')
      .send({ name: `Search ${randomUUID().slice(0, 6)}`, defaultTracker: { connectionId: randomUUID() } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: 'defaultTracker.connectionId', problem: expect.stringMatching(/enabled tracker connection/) },
    ]);
    const wrongKind = await t
      .as('editor')
      .post('/postmortems')
      .send({
        title: 'Search was slow for an hour',
        incidentStart: '2026-03-04T14:02:00Z',
        severity: 'SEV-3',
        defaultTracker: { connectionId: github, project: 'OPS' },
      });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details[0].field).toBe('defaultTracker.project');
    const notUuid = await t
      .as('editor')
      .post('/teams')
      .send({ name: 'Edge', defaultTracker: { connectionId: 'nope' } });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.details[0].field).toMatch(/defaultTracker\.connectionId/);
  });

  it('a team default whose connection was disabled since makes accept a 400 naming where it came from', async () => {
    const created = await t
      .as('admin')
      .post('/tracker-connections')
      .send({
        kind: 'github',
        name: `gh-${randomUUID().slice(0, 6)}`,
        baseUrl: gh.apiUrl,
        flavor: 'enterprise',
        token: gh.token,
        defaultProject: 'acme/api',
      });
    const team = await t
      .as('editor')
      .post('/teams')
      .send({ name: `Infra ${randomUUID().slice(0, 6)}`, defaultTracker: { connectionId: created.body.id } });
    const owner = await makePerson(t, { teamId: team.body.id });
    await t.as('admin').patch(`/tracker-connections/${created.body.id}`).send({ enabled: false });
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const res = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'team.defaultTracker.connectionId', problem: expect.any(String) }]);
    expect((await t.as('viewer').get(`/postmortems/${pm.id}/recommendations`)).body.items[0].status).toBe('proposed');
  });
});
