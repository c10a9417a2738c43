import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { AuditLog } from '../../src/audit/audit-log.entity.js';
import { goodItem, inDays, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const rules = (findings: { rule: string; severity: string }[], severity?: string) =>
  findings
    .filter((f) => !severity || f.severity === severity)
    .map((f) => f.rule)
    .sort();

describe('POST /quality/check', () => {
  it('passes a SMART, blameless item and lets a viewer ask', async () => {
    const owner = await makePerson(t, { name: 'Aisha Karim' });
    const res = await t.as('viewer').post('/quality/check').send(goodItem(owner.id));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ passed: true, findings: [] });
  });

  it('flags the sample postmortem items that are vague, unowned, undated or blameful, with hints', async () => {
    const vague = await t.as('viewer').post('/quality/check').send({ title: 'Improve database performance' });
    expect(vague.body.passed).toBe(false);
    // Since issue 10 a direction without a target is a warning with a hint, not an error.
    expect(rules(vague.body.findings, 'error')).toEqual(expect.arrayContaining(['measurable', 'owned', 'time-bound']));
    expect(rules(vague.body.findings, 'warning')).toContain('specific');
    for (const f of vague.body.findings)
      expect(f).toEqual({
        rule: expect.any(String),
        severity: expect.stringMatching(/^(error|warning)$/),
        message: expect.any(String),
        hint: expect.any(String),
        evidence: expect.any(Array),
      });

    const blame = await t
      .as('viewer')
      .post('/quality/check')
      .send({
        title: 'Marcus should have checked the migration before deploying',
        ownerName: 'Marcus Lee',
        dueDate: inDays(10),
        priority: 'high',
        successCriteria: 'Migration checked',
      });
    expect(rules(blame.body.findings, 'error')).toContain('blameless');

    const team = await t
      .as('viewer')
      .post('/quality/check')
      .send({ title: 'Look into certificate handling', ownerName: 'Platform team' });
    expect(rules(team.body.findings, 'error')).toContain('owned');
    // An inquiry without an output is a warning (issue 10).
    expect(rules(team.body.findings, 'warning')).toContain('specific');
  });

  it('judges due dates against the policy window: past is an error, beyond the window a warning', async () => {
    const owner = await makePerson(t);
    const past = await t
      .as('viewer')
      .post('/quality/check')
      .send(goodItem(owner.id, { dueDate: '2020-01-01' }));
    expect(rules(past.body.findings, 'error')).toEqual(['time-bound']);
    const far = await t
      .as('viewer')
      .post('/quality/check')
      .send(goodItem(owner.id, { priority: 'critical', dueDate: inDays(40) }));
    expect(far.body.passed).toBe(true);
    expect(rules(far.body.findings, 'warning')).toEqual(['time-bound']);
    const bogus = await t
      .as('viewer')
      .post('/quality/check')
      .send(goodItem(owner.id, { dueDate: '2026-02-30' }));
    expect(rules(bogus.body.findings, 'error')).toEqual(['time-bound']);
  });

  it('knows unknown and deactivated owners', async () => {
    const gone = await makePerson(t, { active: false });
    const res = await t.as('viewer').post('/quality/check').send(goodItem(gone.id));
    expect(rules(res.body.findings, 'error')).toEqual(['owned']);
    const unknown = await t.as('viewer').post('/quality/check').send(goodItem('00000000-0000-4000-8000-00000000abcd'));
    expect(rules(unknown.body.findings, 'error')).toEqual(['owned']);
  });

  it('rejects a malformed draft with a 400 naming the field', async () => {
    const res = await t.as('viewer').post('/quality/check').send({ title: 'x', priority: 'urgent', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'priority']);
  });
});

describe('the gate on acceptance', () => {
  it('answers 422 with the findings and creates nothing when an item fails', async () => {
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id, 'Improve database performance');
    const res = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send(goodItem(owner.id, { title: 'Improve database performance', successCriteria: 'Database is faster' }));
    expect(res.status).toBe(422);
    // The criteria block (an error); the title's direction without a target is a warning with a hint (issue 10).
    expect(rules(res.body.findings, 'error')).toEqual(['measurable']);
    expect(rules(res.body.findings, 'warning')).toContain('specific');
    // details list what blocks: the errors only.
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'successCriteria' })]);
    expect((await t.as('viewer').get(`/action-items?postmortemId=${pm.id}`)).body.items).toEqual([]);
    expect((await t.as('viewer').get(`/postmortems/${pm.id}/recommendations`)).body.items[0].status).toBe('proposed');
  });

  it('lets an approver override with a reason, recorded on the item and in the audit log', async () => {
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const body = goodItem(owner.id, { successCriteria: 'It works better' });
    const res = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send({ ...body, override: { reason: 'Criteria agreed verbally with the SRE lead; to be refined next week' } });
    expect(res.status).toBe(201);
    expect(res.body.qualityOverrideReason).toMatch(/agreed verbally/);
    expect(rules(res.body.qualityFindings, 'error')).toEqual(['measurable']);
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const audit = await ds.getRepository(AuditLog).findBy({ entityId: res.body.id, action: 'quality.override' });
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toMatchObject({ reason: expect.stringMatching(/agreed verbally/) });
    const short = await t
      .as('approver')
      .post(`/recommendations/${(await makeRecommendation(t, pm.id)).id}/accept`)
      .send({ ...body, override: { reason: 'ok' } });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('override.reason');
  });

  it('re-evaluates and stores findings when an item is edited', async () => {
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const item = (await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id))).body;
    expect(item.qualityFindings).toEqual([]);
    // An edit that introduces an error finding is held to the gate as on accept: a 422 with the findings…
    const refused = await t
      .as('editor')
      .patch(`/action-items/${item.id}`)
      .send({ title: 'Be more careful with migrations' });
    expect(refused.status).toBe(422);
    expect(rules(refused.body.findings, 'error')).toContain('specific');
    // …unless an approver overrides it; the findings are stored with the item either way.
    const edited = await t
      .as('approver')
      .patch(`/action-items/${item.id}`)
      .send({ title: 'Be more careful with migrations', override: { reason: 'Kept as worded by the review board' } });
    expect(edited.status).toBe(200);
    expect(rules(edited.body.qualityFindings, 'error')).toContain('specific');
  });
});

describe('GET /postmortems/{id}/quality', () => {
  it('reports item, recommendation and postmortem-level findings', async () => {
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);
    for (let i = 0; i < 2; i++) {
      const rec = await makeRecommendation(t, pm.id);
      await t
        .as('approver')
        .post(`/recommendations/${rec.id}/accept`)
        .send(
          goodItem(owner.id, {
            priority: 'medium',
            horizon: 'short_term',
            dueDate: inDays(30),
            title:
              i === 0
                ? 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows'
                : 'Add a CI check rejecting CREATE INDEX without CONCURRENTLY on tables above 1M rows',
          }),
        );
    }
    await makeRecommendation(t, pm.id, 'Retrain the on-call engineers to be more careful');
    const res = await t.as('viewer').get(`/postmortems/${pm.id}/quality`);
    expect(res.status).toBe(200);
    expect(rules(res.body.findings)).toEqual(expect.arrayContaining(['balance', 'duplicate', 'priority']));
    expect(res.body.items).toHaveLength(2);
    expect(res.body.recommendations).toHaveLength(1);
    expect(rules(res.body.recommendations[0].findings)).toContain('blameless');
    // A recorded risk acceptance silences the priority finding.
    await t
      .as('editor')
      .patch(`/postmortems/${pm.id}`)
      .send({ riskAcceptanceReason: 'Low-traffic internal tool; medium is right' });
    expect(rules((await t.as('viewer').get(`/postmortems/${pm.id}/quality`)).body.findings)).not.toContain('priority');
    expect((await t.as('viewer').get('/postmortems/00000000-0000-4000-8000-000000000000/quality')).status).toBe(404);
  });
});
