import { execFileSync, spawnSync } from 'node:child_process';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Received, SmtpHarness } from '../notifications/smtp-harness.js';

/**
 * Every kind of message, as the SMTP server received it, scored by SpamAssassin's local rules
 * (`spamassassin -L -t`, no network tests): each must score under 2.0.
 */
const installed = spawnSync('spamassassin', ['--version']).status === 0;
if (!installed)
  throw new Error('SpamAssassin is not installed: run `apt-get install -y spamassassin` (Debian package spamassassin)');

let smtp: SmtpHarness;
let t: TestApp;
const scores: Array<{ kind: string; score: number; rules: string }> = [];

beforeAll(async () => {
  smtp = new SmtpHarness();
  await smtp.start();
  t = await startTestApp({
    JOBS_ENABLED: 'true',
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://remediation.example.com',
    MAIL_FROM: 'Remediation Tracker <remediation@example.com>',
    MAIL_REPLY_TO: 'sre-team@example.com',
  });
});
afterAll(async () => {
  // A table for bench/README-style reporting of the scores.
  if (scores.length)
    process.stdout.write(
      `\n| message | score | rules hit |\n|---|---:|---|\n${scores.map((s) => `| ${s.kind} | ${s.score.toFixed(1)} | ${s.rules} |`).join('\n')}\n`,
    );
  await t?.close();
  await smtp?.stop();
});

function score(r: Received): { score: number; rules: string } {
  // The message exactly as the server got it.
  const out = execFileSync('spamassassin', ['-L', '-t'], { input: r.raw, encoding: 'utf8', maxBuffer: 20_000_000 });
  const status = /^X-Spam-Status: (?:Yes|No), score=(-?[\d.]+) required=[\d.]+ tests=([\s\S]*?) autolearn/m.exec(out);
  if (!status) throw new Error(`no X-Spam-Status in spamassassin output:\n${out.slice(0, 2000)}`);
  return { score: Number(status[1]), rules: status[2].replace(/\s+/g, '') };
}

it('scores every kind of message under 2.0', async () => {
  const lead = await makePerson(t, { name: 'Lena Ortiz' });
  const team = (await t.as('editor').post('/teams').send({ name: 'Payments', leadId: lead.id })).body as { id: string };
  const manager = await makePerson(t, { name: 'Mohamed Haddad' });
  const owner = await makePerson(t, { name: 'Priya Raman', teamId: team.id, managerId: manager.id });
  const facilitator = await makePerson(t, { name: 'Fay Okafor' });
  const pm = await makePostmortem(t, { facilitatorId: facilitator.id, teamId: team.id });
  for (const [i, due] of ['2027-03-10', '2027-03-17'].entries()) {
    const rec = await makeRecommendation(t, pm.id, `Add a CI check for locking migrations ${i}`);
    const res = await t
      .as('approver')
      .post(`/recommendations/${rec.id}/accept`)
      .send(goodItem(owner.id, { dueDate: due, title: `Add a CI check that rejects locking migration pattern ${i}` }));
    expect(res.status).toBe(201);
  }
  await drainJobs(t.app, { queues: ['email-assignment'] });
  const kinds: Array<[string, () => Promise<unknown>]> = [
    [
      'nudge, 2 days before',
      () => t.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now: '2027-03-08T14:00:00Z' }),
    ],
    [
      'nudge, overdue',
      () => t.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now: '2027-03-11T14:00:00Z' }),
    ],
    [
      'nudge, escalated to manager and facilitator',
      () => t.as('admin').post('/admin/jobs/overdue-nudges/run').send({ now: '2027-04-12T14:00:00Z' }),
    ],
    ['weekly digest', () => t.as('admin').post('/admin/jobs/weekly-digest/run').send({ now: '2027-03-15T09:30:00Z' })],
  ];
  const byKind: Array<[string, Received]> = smtp.received.map((r) => ['assignment notice', r]);
  for (const [kind, go] of kinds) {
    const before = smtp.received.length;
    await go();
    for (const r of smtp.received.slice(before)) byKind.push([`${kind}${r.rcpt.length > 1 ? ' (with Cc)' : ''}`, r]);
  }
  expect(byKind.length).toBeGreaterThanOrEqual(6);
  for (const [kind, r] of byKind) scores.push({ kind: `${kind}: ${r.mail.subject}`, ...score(r) });
  for (const s of scores) expect([s.kind, s.score < 2]).toEqual([s.kind, true]);
});
