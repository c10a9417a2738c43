import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Without SMTP_URL (the embedded default) nothing is lost: messages stay in the log, readable and previewable. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ JOBS_ENABLED: 'true', PUBLIC_URL: 'https://rt.example.com' });
});
afterAll(() => t?.close());

it('keeps every message in the delivery log with its rendered content', async () => {
  const owner = await makePerson(t, { name: 'Olu Owner' });
  const pm = await makePostmortem(t);
  const rec = await makeRecommendation(t, pm.id);
  const item = (
    await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send(goodItem(owner.id, { dueDate: '2027-03-10' }))
  ).body as { id: string; title: string };
  await drainJobs(t.app, { queues: ['email-assignment'] });
  const nudges = await t.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now: '2027-03-11T14:00:00Z' });
  expect(nudges.body).toMatchObject({ sent: 0, failed: 0, outbox: 1 });

  const log = await t.as('admin').get(`/admin/deliveries?recipientId=${owner.id}`);
  expect(log.body.items.map((d: { kind: string; status: string }) => `${d.kind}:${d.status}`)).toEqual([
    'assignment:outbox',
    'nudge:outbox',
  ]);
  const detail = (await t.as('admin').get(`/admin/deliveries/${log.body.items[0].id}`)).body;
  expect(detail.subject).toMatch(/^1 new remediation item for you: /);
  expect(detail.text).toContain('https://rt.example.com/api/v1/email/ack?t=');
  expect(detail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  const preview = await t.as('admin').get(`/admin/deliveries/${log.body.items[1].id}/preview`);
  expect(preview.headers['content-type']).toMatch(/text\/html/);
  expect(preview.text).toContain('1 day overdue');
  expect((await t.as('admin').get('/admin/deliveries/6b1f0a52-0000-4000-8000-000000000001/preview')).status).toBe(404);

  const health = (await t.anon().get('/api/v1/health')).body;
  expect(health.email).toMatchObject({ mode: 'outbox', state: 'ok', pending: 0 });
  const jobs = (await t.as('admin').get('/admin/jobs')).body.items as Array<{ name: string; trigger: string }>;
  expect(jobs.map((j) => `${j.name}:${j.trigger}`)).toEqual(
    expect.arrayContaining(['overdue-nudges:admin', 'email-assignment:queue']),
  );
  expect(item.id).toBeDefined();
});
