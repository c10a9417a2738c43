import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let gh: FakeGithub;
beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  await gh.start();
  t = await startTestApp({
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_TOKEN: gh.token,
    GITHUB_REPO: 'acme/api',
    GITHUB_WEBHOOK_SECRET: 'env-webhook-secret',
  });
});
afterEach(() => gh.http.assertNoViolations());
afterAll(async () => {
  await t?.close();
  await gh?.stop();
});

const github = (over: Record<string, unknown> = {}) => ({
  kind: 'github',
  name: `gh-${Math.random().toString(36).slice(2, 8)}`,
  baseUrl: gh.apiUrl,
  flavor: 'enterprise',
  token: gh.token,
  defaultProject: 'acme/api',
  labels: ['remediation'],
  webhookSecret: 'hook-secret-1',
  ...over,
});

describe('tracker connections', () => {
  it('creates the default GitHub connection from the environment, without showing its secrets', async () => {
    const list = await t.as('admin').get('/tracker-connections');
    expect(list.status).toBe(200);
    const def = list.body.items.find((c: { name: string }) => c.name === 'default-github');
    expect(def).toMatchObject({
      kind: 'github',
      source: 'env',
      defaultProject: 'acme/api',
      hasWebhookSecret: true,
      health: { state: 'ok' },
    });
    expect(JSON.stringify(list.body)).not.toContain(gh.token);
    expect(JSON.stringify(list.body)).not.toContain('env-webhook-secret');
  });

  it('is managed by admins only; credentials are write-only', async () => {
    expect((await t.as('approver').get('/tracker-connections')).status).toBe(403);
    const res = await t.as('admin').post('/tracker-connections').send(github());
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('token');
    expect(res.body).not.toHaveProperty('webhookSecret');
    expect(JSON.stringify(res.body)).not.toContain(gh.token);
    const patched = await t
      .as('admin')
      .patch(`/tracker-connections/${res.body.id}`)
      .send({ token: 'rotated-token', labels: ['sre'] });
    expect(patched.body.labels).toEqual(['sre']);
    expect(JSON.stringify(patched.body)).not.toContain('rotated-token');
    // The audit log names the changed fields, not the secret.
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const audit = await ds.query(
      `SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'tracker_connection.update'`,
      [res.body.id],
    );
    expect(JSON.stringify(audit)).not.toContain('rotated-token');
  });

  it('checks credentials and the repository against the tracker', async () => {
    const good = (await t.as('admin').post('/tracker-connections').send(github())).body;
    expect((await t.as('admin').post(`/tracker-connections/${good.id}/test`)).body).toEqual({
      ok: true,
      user: gh.login,
      project: 'acme/api',
    });
    const bad = (
      await t
        .as('admin')
        .post('/tracker-connections')
        .send(github({ token: 'wrong-token' }))
    ).body;
    const res = await t.as('admin').post(`/tracker-connections/${bad.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, error: 'FORBIDDEN' });
  });

  it('rejects shapes that cannot work, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ flavor: 'cloud' }, 'flavor'],
      [{ defaultProject: 'OPS' }, 'defaultProject'],
      [{ kind: 'jira', flavor: 'cloud', defaultProject: 'OPS' }, 'email'],
      [{ baseUrl: 'ftp://x' }, 'baseUrl'],
      [{ token: '' }, 'token'],
      [{ labels: ['has space'] }, 'labels'],
    ];
    for (const [over, field] of cases) {
      const res = await t.as('admin').post('/tracker-connections').send(github(over));
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const name = github().name;
    expect((await t.as('admin').post('/tracker-connections').send(github({ name }))).status).toBe(201);
    expect((await t.as('admin').post('/tracker-connections').send(github({ name }))).status).toBe(409);
  });

  it('accepting with a tracker queues the ticket in the same transaction; a used connection cannot be deleted', async () => {
    const conn = (await t.as('admin').post('/tracker-connections').send(github())).body;
    const owner = await makePerson(t, { githubLogin: 'marcus-lee' });
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const item = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send({ ...goodItem(owner.id), tracker: { connectionId: conn.id } });
    expect(item.status).toBe(201);
    expect(item.body.ticket).toMatchObject({
      connectionId: conn.id,
      repo: 'acme/api',
      project: null,
      state: 'pending',
      key: null,
    });
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const jobs = await ds.query(`SELECT name, data FROM pgboss.job WHERE singleton_key = $1`, [item.body.id]);
    expect(jobs).toEqual([{ name: 'ticket-create', data: { itemId: item.body.id } }]);
    expect((await t.as('admin').delete(`/tracker-connections/${conn.id}`)).status).toBe(409);

    const wrongField = await t
      .as('approver')
      .post(`/recommendations/${(await makeRecommendation(t, pm.id)).id}/accept`)
      .send({ ...goodItem(owner.id), tracker: { connectionId: conn.id, project: 'OPS' } });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.details).toEqual([{ field: 'tracker.project', problem: expect.stringContaining('Jira') }]);
    const unused = (await t.as('admin').post('/tracker-connections').send(github())).body;
    expect((await t.as('admin').delete(`/tracker-connections/${unused.id}`)).status).toBe(204);
    expect((await t.as('admin').get(`/tracker-connections/${unused.id}`)).status).toBe(404);
  });
});
