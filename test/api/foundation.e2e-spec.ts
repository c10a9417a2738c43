import { AuditLog } from '../../src/audit/audit-log.entity.js';
import { type DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { goodItem, inDays, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('health, docs and metrics', () => {
  it('answers /api/v1/health without a token, with the version and the database state', async () => {
    const res = await t.anon().get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('serves the OpenAPI document with every contract path', async () => {
    const res = await t.anon().get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/teams',
      '/api/v1/people',
      '/api/v1/people/{id}',
      '/api/v1/postmortems',
      '/api/v1/postmortems/{id}',
      '/api/v1/postmortems/{id}/recommendations',
      '/api/v1/recommendations/{id}/accept',
      '/api/v1/recommendations/{id}/decline',
      '/api/v1/action-items',
      '/api/v1/action-items/{id}',
      '/api/v1/tokens',
      '/api/v1/tokens/{id}',
      '/api/v1/health',
    ])
      expect(paths).toContain(p);
    expect((await t.anon().get('/api/docs')).status).toBe(200);
  });

  it('exposes Prometheus metrics with HTTP latency by route and status', async () => {
    await t.as('viewer').get('/people');
    const res = await t.anon().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/people",status="200"\} \d+/,
    );
  });

  it('puts a request id on every response, keeping a sane one the client sent', async () => {
    const res = await t.anon().get('/api/v1/health').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const fresh = await t.anon().get('/api/v1/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('authentication and roles', () => {
  it('401 without a token, with a malformed header, and with an unknown token', async () => {
    for (const header of [undefined, 'Basic abc', 'Bearer nope']) {
      const req = t.anon().get('/api/v1/people');
      const res = await (header ? req.set('Authorization', header) : req);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    }
  });

  it('403 for the wrong role: viewers read, editors write, approvers accept, admins manage tokens', async () => {
    expect((await t.as('viewer').get('/people')).status).toBe(200);
    const denied = await t.as('viewer').post('/people').send({ name: 'Omar Haddad', email: 'omar.denied@example.com' });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/editor/);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const owner = await makePerson(t);
    expect((await t.as('editor').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id))).status).toBe(403);
    expect((await t.as('approver').get('/tokens')).status).toBe(403);
    expect((await t.as('admin').get('/tokens')).status).toBe(200);
    // The denied write changed nothing.
    expect((await t.as('viewer').get('/people?email=omar.denied@example.com')).body.items).toHaveLength(0);
  });

  it('creates a token shown once, stores only its hash, and revokes it', async () => {
    const created = await t.as('admin').post('/tokens').send({ name: 'ci', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^rmt_[A-Za-z0-9_-]{43}$/);
    const list = await t.as('admin').get('/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const rows = await ds.query('SELECT token_hash FROM api_token WHERE id = $1', [created.body.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(created.body.token);
    const use = () => t.anon().get('/api/v1/people').set('Authorization', `Bearer ${created.body.token}`);
    expect((await use()).status).toBe(200);
    expect((await t.as('admin').delete(`/tokens/${created.body.id}`)).status).toBe(204);
    expect((await use()).status).toBe(401);
  });

  it('rejects a token request with an unknown role', async () => {
    const res = await t.as('admin').post('/tokens').send({ name: 'x', role: 'root' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'role', problem: expect.stringContaining('must be one of') }]);
  });
});

describe('input handling', () => {
  it('400 naming the field for unknown fields and wrong types', async () => {
    const res = await t.as('editor').post('/people').send({ name: 42, email: 'not-an-email', shoeSize: 44 });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'shoeSize']));
    expect(res.body.details.find((d: { field: string }) => d.field === 'shoeSize').problem).toBe(
      'is not a known field',
    );
  });

  it('400 for malformed JSON, 413 for a body over 1 MB', async () => {
    const bad = await t.as('editor').post('/people').set('Content-Type', 'application/json').send('{"name": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, message: 'The request body is not valid JSON' });
    const big = await t
      .as('editor')
      .post('/postmortems')
      .send({ title: 'x', summary: 'y'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(big.body.statusCode).toBe(413);
  });

  it('404 for unknown ids and for ids that are not UUIDs', async () => {
    expect((await t.as('viewer').get('/people/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const notUuid = await t.as('viewer').get('/postmortems/abc');
    expect(notUuid.status).toBe(404);
    expect(notUuid.body.error).toBe('Not Found');
  });

  it('409 for a duplicate email, case-insensitively, and nothing is written', async () => {
    await makePerson(t, { email: 'dana.okafor@example.com', name: 'Dana Okafor' });
    const dup = await t.as('editor').post('/people').send({ name: 'Dana O', email: 'Dana.Okafor@Example.com' });
    expect(dup.status).toBe(409);
    expect(dup.body.details).toEqual([{ field: 'email', problem: 'is already in use' }]);
    expect((await t.as('viewer').get('/people?email=dana.okafor@example.com')).body.items).toHaveLength(1);
  });

  it('400 for references to records that do not exist, and for impossible values', async () => {
    const res = await t.as('editor').post('/people').send({
      name: 'Jonas Weber',
      email: 'jonas@example.com',
      teamId: '00000000-0000-4000-8000-000000000001',
      timezone: 'Mars/Olympus',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'timezone' })]));
    const ref = await t
      .as('editor')
      .post('/people')
      .send({ name: 'Jonas Weber', email: 'jonas@example.com', teamId: '00000000-0000-4000-8000-000000000001' });
    expect(ref.status).toBe(400);
    expect(ref.body.details).toEqual([{ field: 'teamId', problem: 'does not refer to an existing team' }]);
    const times = await t.as('editor').post('/postmortems').send({
      title: 'x',
      incidentStart: '2026-03-04T14:00:00Z',
      incidentEnd: '2026-03-04T13:00:00Z',
      severity: 'SEV-2',
    });
    expect(times.status).toBe(400);
    expect(times.body.details).toEqual([{ field: 'incidentEnd', problem: 'must not be before incidentStart' }]);
    const sev = await t
      .as('editor')
      .post('/postmortems')
      .send({ title: 'x', incidentStart: '2026-03-04T14:00:00Z', severity: 'SEV-5' });
    expect(sev.status).toBe(400);
    expect(sev.body.details[0].field).toBe('severity');
  });

  it('a PATCH may not null a required field', async () => {
    const p = await makePerson(t);
    const res = await t.as('editor').patch(`/people/${p.id}`).send({ name: null });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'name', problem: 'cannot be null' }]);
  });
});

describe('the domain through the API', () => {
  it('records a team, people, a postmortem with causes, and its recommendations', async () => {
    const lead = await makePerson(t, {
      name: 'Lena Fischer',
      timezone: 'Europe/Berlin',
      githubLogin: 'lenaf',
      jiraAccountId: '5b10a2844c20165700ede21g',
    });
    const team = await t.as('editor').post('/teams').send({ name: 'Notifications', leadId: lead.id });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ id: expect.any(String), name: 'Notifications', leadId: lead.id });
    expect((await t.as('editor').post('/teams').send({ name: 'Notifications' })).status).toBe(409);
    const moved = await t.as('editor').patch(`/people/${lead.id}`).send({ teamId: team.body.id });
    expect(moved.body).toMatchObject({
      teamId: team.body.id,
      timezone: 'Europe/Berlin',
      githubLogin: 'lenaf',
      active: true,
    });

    const pm = await makePostmortem(t, {
      teamId: team.body.id,
      facilitatorId: lead.id,
      causes: ['Consumer opened an SMTP connection per message', 'Queue depth had no alert'],
    });
    const got = await t.as('viewer').get(`/postmortems/${pm.id}`);
    expect(got.body).toMatchObject({
      severity: 'SEV-2',
      status: 'draft',
      causes: ['Consumer opened an SMTP connection per message', 'Queue depth had no alert'],
      incidentStart: '2026-03-04T14:02:00.000Z',
      teamId: team.body.id,
    });
    const published = await t.as('editor').patch(`/postmortems/${pm.id}`).send({ status: 'published' });
    expect(published.body.status).toBe('published');

    const rec = await makeRecommendation(t, pm.id, 'Alert on queue age');
    const list = await t.as('viewer').get(`/postmortems/${pm.id}/recommendations`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: rec.id, status: 'proposed', actionItemId: null })]);
  });

  it('accepting a recommendation creates its action item (201) once; a second accept is 409', async () => {
    const owner = await makePerson(t, { name: 'Marcus Lee' });
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const res = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      postmortemId: pm.id,
      recommendationId: rec.id,
      ownerId: owner.id,
      status: 'open',
      priority: 'high',
      horizon: 'short_term',
      type: 'prevent',
      ticket: null,
      closedAt: null,
    });
    expect(res.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const again = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id));
    expect(again.status).toBe(409);
    const recNow = (await t.as('viewer').get(`/postmortems/${pm.id}/recommendations`)).body.items[0];
    expect(recNow).toMatchObject({ status: 'accepted', actionItemId: res.body.id });
    // The audit log says who did it.
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const audit = await ds.getRepository(AuditLog).findBy({ entityId: rec.id });
    expect(audit.map((a) => [a.action, a.actorName])).toContainEqual(['recommendation.accept', 'test approver']);
  });

  it('two approvers accepting at once get one item and one 409', async () => {
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const results = await Promise.all(
      [0, 1].map(() => t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await t.as('viewer').get(`/action-items?postmortemId=${pm.id}`)).body.items).toHaveLength(1);
  });

  it('declines with a reason, and records no action needed on a postmortem', async () => {
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    expect((await t.as('approver').post(`/recommendations/${rec.id}/decline`).send({})).status).toBe(400);
    const res = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/decline`)
      .send({ reason: 'Covered by the deploy freeze' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'Covered by the deploy freeze' });
    const none = await t
      .as('editor')
      .patch(`/postmortems/${pm.id}`)
      .send({ noActionNeededReason: 'Third-party outage; contract already has SLA credits' });
    expect(none.body.noActionNeededReason).toMatch(/Third-party/);
  });

  it('moves an item through its statuses, with closedAt and a required wont_do reason', async () => {
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const item = (await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id))).body;
    const p = (body: object) => t.as('editor').patch(`/action-items/${item.id}`).send(body);
    expect((await p({ status: 'in_progress' })).body).toMatchObject({ status: 'in_progress', closedAt: null });
    const done = await p({ status: 'done' });
    expect(done.body.closedAt).toEqual(expect.any(String));
    expect((await p({ status: 'open' })).body.closedAt).toBeNull();
    const noReason = await p({ status: 'wont_do' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([{ field: 'wontDoReason', problem: 'is required when status is wont_do' }]);
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.status).toBe('open');
    const wont = await p({ status: 'wont_do', wontDoReason: 'Service is being retired in January' });
    expect(wont.body).toMatchObject({ status: 'wont_do', wontDoReason: 'Service is being retired in January' });
  });

  it('lists items with filters (status, owner, team, postmortem, priority, overdue) and cursor paging', async () => {
    const team = (await t.as('editor').post('/teams').send({ name: 'Payments' })).body;
    const owner = await makePerson(t, { teamId: team.id });
    const other = await makePerson(t);
    const pm = await makePostmortem(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const rec = await makeRecommendation(t, pm.id, `Recommendation ${i}`);
      const body = goodItem(i < 3 ? owner.id : other.id, {
        title: `Add alert ${i} on checkout pool saturation above 90% for 3 minutes`,
        priority: i === 0 ? 'critical' : 'high',
        dueDate: inDays(i === 0 ? 5 : 20),
      });
      ids.push((await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(body)).body.id);
    }
    const q = async (qs: string) =>
      (await t.as('viewer').get(`/action-items?postmortemId=${pm.id}&${qs}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await q(`ownerId=${owner.id}`)).toEqual(ids.slice(0, 3));
    expect(await q(`teamId=${team.id}`)).toEqual(ids.slice(0, 3));
    expect(await q('priority=critical')).toEqual([ids[0]]);
    expect(await q('status=open')).toHaveLength(5);
    expect(await q('overdue=true')).toEqual([]);
    // An item past its due date is overdue until it is closed.
    const ds = t.app.get<DataSource>(getDataSourceToken());
    await ds.query(`UPDATE action_item SET due_date = CURRENT_DATE - 3 WHERE id = $1`, [ids[1]]);
    expect(await q('overdue=true')).toEqual([ids[1]]);
    await t.as('editor').patch(`/action-items/${ids[1]}`).send({ status: 'done' });
    expect(await q('overdue=true')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .as('viewer')
        .get(`/action-items?postmortemId=${pm.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await t.as('viewer').get('/action-items?cursor=!!!')).status).toBe(400);
    expect((await t.as('viewer').get('/action-items?cursor=eyJ0IjoiYSJ9')).status).toBe(400);
    expect((await t.as('viewer').get('/action-items?limit=0')).status).toBe(400);
    expect((await t.as('viewer').get('/action-items?overdue=maybe')).status).toBe(400);
  });

  it('deactivates people instead of deleting them', async () => {
    const p = await makePerson(t);
    const res = await t.as('editor').patch(`/people/${p.id}`).send({ active: false });
    expect(res.body.active).toBe(false);
    expect((await t.as('editor').delete(`/people/${p.id}`)).status).toBe(404);
    expect((await t.as('viewer').get(`/people/${p.id}`)).status).toBe(200);
  });
});
