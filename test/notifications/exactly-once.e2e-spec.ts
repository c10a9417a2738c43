import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../../src/database/database-target.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { SmtpHarness } from './smtp-harness.js';

/**
 * Exactly once, by unique keys in the database and not by timing: two replicas running the
 * same week's digest at once send one digest per recipient; a run killed after sending half its
 * messages, run again elsewhere, sends the other half and repeats none.
 */
const OWNERS = 10;
let db: DatabaseTarget;
let smtp: SmtpHarness;
let a: TestApp;
let b: TestApp;
const owners: string[] = [];

beforeAll(async () => {
  smtp = new SmtpHarness();
  await smtp.start();
  db = await createTestDatabase();
  const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'https://rt.example.com', MAIL_FROM: 'RT <rt@example.com>' };
  a = await startTestApp(env, db);
  b = await startTestApp(env, db);
  const pm = await makePostmortem(a);
  for (let i = 0; i < OWNERS; i++) {
    const owner = await makePerson(a, { name: `Owner ${i}` });
    owners.push(owner.email);
    const rec = await makeRecommendation(a, pm.id, `Add a CI check for locking migrations, part ${i}`);
    const res = await a
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send(goodItem(owner.id, { dueDate: '2027-03-10', title: `Add a CI check that rejects locking migration ${i}` }));
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await b?.close();
  await a?.close().catch(() => undefined); // its data source was destroyed on purpose
  await db?.stop();
  await smtp?.stop();
});

const perRecipient = () => {
  const counts = new Map<string, number>();
  for (const r of smtp.received) for (const to of r.rcpt) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
};

it('two replicas running the same week’s digest at once send one digest per recipient', async () => {
  smtp.clear();
  const now = '2027-03-15T09:30:00Z'; // Monday 09:30 UTC
  const [ra, rb] = await Promise.all([
    a.as('admin').post('/admin/jobs/weekly-digest/run').send({ now }),
    b.as('admin').post('/admin/jobs/weekly-digest/run').send({ now }),
  ]);
  expect([ra.status, rb.status]).toEqual([200, 200]);
  expect(ra.body.sent + rb.body.sent).toBe(OWNERS);
  expect(ra.body.failed + rb.body.failed).toBe(0);
  expect(smtp.received).toHaveLength(OWNERS);
  expect([...perRecipient().entries()].sort()).toEqual(owners.map((o) => [o, 1]).sort());
  for (const r of smtp.received) expect(r.mail.subject).toBe('Weekly remediation digest: 1 overdue remediation item');

  // Later in the week, again on both: nothing new.
  const again = await b.as('admin').post('/admin/jobs/weekly-digest/run').send({ now: '2027-03-17T10:00:00Z' });
  expect(again.body).toMatchObject({ sent: 0, skipped: OWNERS });
  expect(smtp.received).toHaveLength(OWNERS);
  const runs = (await a.as('admin').get('/admin/jobs?name=weekly-digest')).body.items as Array<{ status: string }>;
  expect(runs.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
});

it('a run killed after sending half its messages, run again, sends the other half and repeats none', async () => {
  smtp.clear();
  const now = '2027-03-11T14:00:00Z'; // Thursday, first day overdue
  // The replica dies (its database connections go) as the server takes the fifth message;
  // messages other workers had in flight still reach the server, as they would.
  let killed = false;
  smtp.beforeAccept = async () => {
    if (killed || smtp.received.length !== OWNERS / 2 - 1) return;
    killed = true;
    await a.app.get(DataSource).destroy();
  };
  const dead = await a.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now });
  expect(dead.status).toBeGreaterThanOrEqual(500);
  expect(killed).toBe(true);
  smtp.beforeAccept = null;
  const firstHalf = smtp.received.length;
  expect(firstHalf).toBeGreaterThanOrEqual(OWNERS / 2);
  expect(firstHalf).toBeLessThan(OWNERS);

  const rerun = await b.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now });
  expect(rerun.status).toBe(200);
  expect(rerun.body.sent).toBe(OWNERS - firstHalf);
  expect(smtp.received).toHaveLength(OWNERS);
  expect([...perRecipient().entries()].sort()).toEqual(owners.map((o) => [o, 1]).sort());
});
