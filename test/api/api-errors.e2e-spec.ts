import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/* The answers a newcomer got wrong or unhelpful, each now saying what is wrong. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function accept(over: Record<string, unknown>, role: 'approver' | 'editor' = 'approver') {
  const owner = await makePerson(t);
  const rec = await makeRecommendation(t, (await makePostmortem(t)).id);
  return t
    .as(role)
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(owner.id), tracker: null, ...over });
}

describe('impossible calendar dates', () => {
  it('are refused on accept, even with an override, naming the field', async () => {
    const res = await accept({ dueDate: '2026-02-30', override: { reason: 'Agreed in the review meeting' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'dueDate', problem: 'must be a real calendar date YYYY-MM-DD' }]);
  });

  it('are refused on PATCH, naming the field', async () => {
    const item = await accept({});
    expect(item.status).toBe(201);
    for (const dueDate of ['2026-02-30', '2027-02-29', '2026-13-01', '26-01-01']) {
      const res = await t.as('editor').patch(`/action-items/${item.body.id}`).send({ dueDate });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'dueDate', problem: 'must be a real calendar date YYYY-MM-DD' }]);
    }
    const leap = await t.as('editor').patch(`/action-items/${item.body.id}`).send({ dueDate: '2028-02-29' });
    expect(leap.status).toBe(200);
  });
});

describe('impossible instants', () => {
  it('are refused on a postmortem, naming the field', async () => {
    const res = await t
      .as('editor')
      .post('/postmortems')
      .send({ title: 'Checkout timed out', incidentStart: '2026-02-30T10:00:00Z', severity: 'SEV-2' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'incidentStart', problem: 'must be an ISO 8601 date-time' }]);
  });
});

describe('accept without successCriteria', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('(%s) is judged by the quality gate: 422 with the measurable hint', async (_case, successCriteria) => {
    const res = await accept({ successCriteria });
    expect(res.status).toBe(422);
    const measurable = (res.body.findings as Array<{ rule: string; severity: string; hint: string }>).find(
      (f) => f.rule === 'measurable',
    );
    expect(measurable).toMatchObject({ severity: 'error', hint: expect.any(String) });
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'successCriteria' })]));
  });
});

describe('required fields', () => {
  it('say "is required", once per field', async () => {
    const res = await t.as('editor').post('/postmortems').send({});
    expect(res.status).toBe(400);
    for (const d of res.body.details as Array<{ field: string; problem: string }>)
      expect(d.problem).toBe('is required');
    expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'title', problem: 'is required' }]));
    const owner = await makePerson(t);
    const { title: _omitted, ...noTitle } = goodItem(owner.id);
    const rec = await makeRecommendation(t, (await makePostmortem(t)).id);
    const acc = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(noTitle);
    expect(acc.body.details).toEqual([{ field: 'title', problem: 'is required' }]);
  });

  it('still say what is wrong with a value that is there', async () => {
    const res = await accept({ priority: 'urgent' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'priority', problem: expect.stringContaining('must be one of') }]);
  });
});

describe('a JSON endpoint sent another Content-Type', () => {
  it('is a 415 naming the header, not every field as missing', async () => {
    const form = await t.as('editor').post('/teams').type('form').send('name=Platform');
    expect(form.status).toBe(415);
    expect(form.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Content-Type application/x-www-form-urlencoded is not supported: send the body as application/json',
      details: [{ field: 'Content-Type', problem: 'must be application/json' }],
    });
    const text = await t.as('editor').post('/teams').set('Content-Type', 'text/plain').send('{"name":"Platform"}');
    expect(text.status).toBe(415);
    const json = await t
      .as('editor')
      .post('/teams')
      .send({ name: `Platform ${Date.now()}` });
    expect(json.status).toBe(201);
  });

  it('lets a POST without a body through', async () => {
    const res = await t.as('editor').post('/recommendations/00000000-0000-4000-8000-000000000000/decline');
    expect(res.status).not.toBe(415);
  });
});

describe('an unknown route', () => {
  it('names its full path', async () => {
    const res = await t.as('viewer').get('/api/v1/no-such-thing/42?x=1');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('No route GET /api/v1/no-such-thing/42');
  });
});

describe('an edit that introduces an error finding', () => {
  it('is a 422 with the findings, unless an approver overrides; unrelated edits pass', async () => {
    const item = await accept({});
    expect(item.status).toBe(201);
    const path = `/action-items/${item.body.id}`;
    const vague = { title: 'Be more careful' };

    const held = await t.as('editor').patch(path).send(vague);
    expect(held.status).toBe(422);
    expect(held.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title' })]));
    expect(held.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error' })]));
    expect((await t.as('viewer').get(path)).body.title).toBe(item.body.title);

    const reason = { reason: 'Agreed in the review: the detail is in the linked runbook' };
    const editorOverride = await t
      .as('editor')
      .patch(path)
      .send({ ...vague, override: reason });
    expect(editorOverride.status).toBe(403);

    const overridden = await t
      .as('approver')
      .patch(path)
      .send({ ...vague, override: reason });
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({ title: 'Be more careful', qualityOverrideReason: reason.reason });
    const history = await t.as('viewer').get(`${path}/history`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('quality.override');

    // The item already has the title's error: a further edit of another field is not held.
    const unrelated = await t.as('editor').patch(path).send({ priority: 'critical' });
    expect(unrelated.status).toBe(200);
    const closing = await t.as('editor').patch(path).send({ status: 'done' });
    expect(closing.status).toBe(200);
  });
});
