import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../../src/database/database-target.js';
import { SEND_PARALLEL } from '../../src/notifications/email-dispatcher.service.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { SmtpHarness } from './smtp-harness.js';

/**
 * Exactly once, by unique keys in the database and not by timing: two replicas running the
 * same week's digest at once send one digest per recipient; a run killed after sending half its
 * messages, run again elsewhere, sends the other half and repeats none.
 */
/** Enough that the killed run delivers exactly half (see the second test). */
const OWNERS = 2 * (SEND_PARALLEL + 1);
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
  // The first message goes through and is recorded `sent`. The server then holds the next
  // ones until every sender of the replica waits on it (so none is in the middle of a database
  // call), the replica's database connections go, and the server takes the held messages, as
  // it would take messages already handed to it. Those rows stay `sending`: the replica cannot
  // record them, and nobody may send them again.
  const recordedBeforeKill = OWNERS / 2 - SEND_PARALLEL;
  const held: Array<() => void> = [];
  let killed = false;
  smtp.beforeAccept = async (n) => {
    if (n <= recordedBeforeKill) return;
    const release = new Promise<void>((resolve) => held.push(resolve));
    if (held.length === SEND_PARALLEL) {
      await a.app.get(DataSource).destroy();
      killed = true;
      for (const r of held) r();
    }
    await release;
  };
  const dead = await a.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now });
  smtp.beforeAccept = null;
  expect(killed).toBe(true);
  expect(dead.status).toBeGreaterThanOrEqual(500);
  // The run answers once nothing of it is in flight, and it sent nothing after the kill.
  expect(smtp.received).toHaveLength(OWNERS / 2);

  const rerun = await b.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now });
  expect(rerun.status).toBe(200);
  expect(rerun.body).toMatchObject({ sent: OWNERS / 2, failed: 0 });
  expect(smtp.received).toHaveLength(OWNERS);
  expect([...perRecipient().entries()].sort()).toEqual(owners.map((o) => [o, 1]).sort());

  const log = (await b.as('admin').get('/admin/deliveries?kind=nudge&limit=100')).body.items as Array<{
    status: string;
  }>;
  const byStatus = (s: string) => log.filter((d) => d.status === s).length;
  expect(log).toHaveLength(OWNERS);
  expect(byStatus('sending')).toBe(SEND_PARALLEL);
  expect(byStatus('sent')).toBe(OWNERS - SEND_PARALLEL);

  // A third run, anywhere, has nothing left to send.
  const third = await b.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now });
  expect(third.body).toMatchObject({ sent: 0, skipped: OWNERS });
  expect(smtp.received).toHaveLength(OWNERS);
});
