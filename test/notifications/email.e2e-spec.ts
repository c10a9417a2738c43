import { DataSource } from 'typeorm';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { drainJobs } from '../support/jobs.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addresses, type Received, SmtpHarness } from './smtp-harness.js';

/**
 * The messages over a real SMTP exchange (smtp-server), parsed with mailparser: assignment
 * notices with the acknowledge link, nudges with escalation, the weekly digest, one-click
 * unsubscribe, snooze, SMTP failures.
 */
const PUBLIC_URL = 'https://remediation.example.com';
let smtp: SmtpHarness;
let t: TestApp;

beforeAll(async () => {
  smtp = new SmtpHarness();
  await smtp.start();
  t = await startTestApp({
    JOBS_ENABLED: 'true',
    SMTP_URL: smtp.url,
    PUBLIC_URL,
    MAIL_FROM: 'Remediation Tracker <remediation@example.com>',
    MAIL_REPLY_TO: 'sre-team@example.com',
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

/** A team with a lead, a manager, an owner and a facilitator; one accepted item per call of `item`. */
async function cast(zone = 'UTC') {
  const tag = Math.random().toString(36).slice(2, 8);
  const lead = await makePerson(t, { name: `Lena Lead ${tag}`, timezone: zone });
  const team = (
    await t
      .as('editor')
      .post('/teams')
      .send({ name: `Payments ${tag}`, leadId: lead.id })
  ).body as {
    id: string;
  };
  const manager = await makePerson(t, { name: `Mo Manager ${tag}`, timezone: zone });
  const owner = await makePerson(t, {
    name: `Olu Owner ${tag}`,
    timezone: zone,
    teamId: team.id,
    managerId: manager.id,
  });
  const facilitator = await makePerson(t, { name: `Fay Facilitator ${tag}`, timezone: zone });
  const pm = await makePostmortem(t, { facilitatorId: facilitator.id, teamId: team.id });
  const item = async (over: Record<string, unknown> = {}) => {
    const rec = await makeRecommendation(t, pm.id, `Add a CI check for locking migrations ${Math.random()}`);
    const res = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id, over));
    if (res.status !== 201) throw new Error(`accept: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; title: string };
  };
  return { lead, team, manager, owner, facilitator, pm, item };
}

const linkIn = (text: string, path: string) => {
  const m = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}${path}\\?t=[A-Za-z0-9_.-]+`).exec(text);
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return m[0].slice(PUBLIC_URL.length);
};

function expectWellFormed(r: Received) {
  const { mail } = r;
  expect(mail.from?.value).toEqual([{ name: 'Remediation Tracker', address: 'remediation@example.com' }]);
  expect(addresses(mail.replyTo)).toEqual(['sre-team@example.com']);
  expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
  expect(mail.date).toBeInstanceOf(Date);
  expect(mail.text?.length).toBeGreaterThan(100);
  expect(mail.html).toEqual(expect.stringContaining('<!doctype html>'));
  expect(mail.html).not.toMatch(/<img/i);
  // mailparser folds List-* headers into `list`; the raw header section shows them as sent.
  const head = r.raw.slice(0, r.raw.indexOf('\r\n\r\n')).replace(/\r\n\s+/g, ' ');
  expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(head).toMatch(
    /^List-Unsubscribe: <https:\/\/remediation\.example\.com\/api\/v1\/email\/unsubscribe\?t=[\w.-]+>$/m,
  );
}

const run = async (job: string, now?: string) => {
  const res = await t
    .as('admin')
    .post(`/admin/jobs/${job}/run`)
    .send(now ? { now } : {});
  expect(res.status).toBe(200);
  return res.body as { sent: number; skipped: number; failed: number; outbox: number; durationMs: number };
};

describe('assignment notice', () => {
  it('tells the new owner, with a signed acknowledge link that needs no login', async () => {
    const c = await cast('Europe/Berlin');
    const item = await c.item({ dueDate: '2027-03-10' });
    await drainJobs(t.app, { queues: ['email-assignment'] });
    const [msg, ...more] = smtp.to(c.owner.email);
    expect(more).toHaveLength(0);
    expectWellFormed(msg);
    expect(msg.mail.subject).toBe(`1 new remediation item for you: ${item.title.slice(0, 79)}…`);
    expect(addresses(msg.mail.to)).toEqual([c.owner.email]);
    expect(msg.mail.cc).toBeUndefined();
    expect(msg.mail.text).toContain('Due: Wed 10 Mar 2027');
    expect(msg.mail.text).toContain(`${PUBLIC_URL}/postmortems/${c.pm.id}`);
    expect(msg.mail.text).toContain('Done when: The CI job fails');
    expect(msg.mail.html).toContain(`href="${PUBLIC_URL}/postmortems/${c.pm.id}"`);

    const ack = linkIn(msg.mail.text!, '/api/v1/email/ack');
    const page = await t.anon().get(ack);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.acknowledgedAt).toBeNull();
    const done = await t.anon().post(ack);
    expect(done.status).toBe(200);
    expect(done.text).toContain('is acknowledged');
    expect((await t.as('viewer').get(`/action-items/${item.id}`)).body.acknowledgedAt).toEqual(expect.any(String));

    const forged = await t.anon().post(`${ack.slice(0, -3)}abc`);
    expect(forged.status).toBe(400);
    expect(forged.body.details).toEqual([expect.objectContaining({ field: 't' })]);

    // A new owner hears of it too; the old owner's link no longer acknowledges.
    const other = await makePerson(t, { name: 'Nia New' });
    expect((await t.as('editor').patch(`/action-items/${item.id}`).send({ ownerId: other.id })).status).toBe(200);
    await drainJobs(t.app, { queues: ['email-assignment'] });
    expect(smtp.to(other.email)).toHaveLength(1);
    expect((await t.anon().post(ack)).text).toContain('has another owner now');
  });
});

describe('nudges', () => {
  it('before the due date, on the first day overdue, weekly, escalating to the manager then the facilitator', async () => {
    const c = await cast('America/New_York');
    const item = await c.item({ dueDate: '2027-03-10' }); // a Wednesday
    await drainJobs(t.app, { queues: ['email-assignment'] });
    smtp.clear();
    const nudgesFor = () => smtp.to(c.owner.email);

    expect(await run('overdue-nudges', '2027-03-05T17:00:00Z')).toMatchObject({ sent: 0 }); // 5 days before
    expect((await run('overdue-nudges', '2027-03-08T15:00:00Z')).sent).toBeGreaterThanOrEqual(1); // Mon 11:00 EDT? EST
    const [before] = nudgesFor();
    expectWellFormed(before);
    expect(before.mail.subject).toMatch(/^1 remediation item due in 2 days: /);
    expect(before.mail.cc).toBeUndefined();

    // Same step again (the next day): nothing new. Saturday 11:00: quiet time.
    await run('overdue-nudges', '2027-03-09T15:00:00Z');
    expect(nudgesFor()).toHaveLength(1);
    const quiet = await run('overdue-nudges', '2027-03-13T16:00:00Z');
    expect(quiet.skipped).toBeGreaterThanOrEqual(1);
    expect(nudgesFor()).toHaveLength(1);

    // 05:00 in New York on the first day overdue waits for 09:00.
    await run('overdue-nudges', '2027-03-11T09:00:00Z');
    expect(nudgesFor()).toHaveLength(1);
    await run('overdue-nudges', '2027-03-11T14:00:00Z');
    expect(nudgesFor()).toHaveLength(2);
    expect(nudgesFor()[1].mail.subject).toMatch(/^1 overdue remediation item \(1 day\): /);

    // Day 15 (Thu 25 Mar): the manager is copied. Day 33 (Mon 12 Apr): the facilitator too.
    await run('overdue-nudges', '2027-03-25T14:00:00Z');
    const d15 = nudgesFor()[2];
    expect(d15.mail.subject).toMatch(/^1 overdue remediation item \(15 days\): /);
    expect(addresses(d15.mail.cc)).toEqual([c.manager.email]);
    expect(d15.rcpt.sort()).toEqual([c.owner.email, c.manager.email].sort());
    expect(d15.mail.text).toContain('is copied');
    await run('overdue-nudges', '2027-04-12T14:00:00Z');
    const d33 = nudgesFor()[3];
    expect(addresses(d33.mail.cc).sort()).toEqual([c.manager.email, c.facilitator.email].sort());
    expect(nudgesFor()).toHaveLength(4);

    const log = await t.as('admin').get(`/admin/deliveries?itemId=${item.id}&kind=nudge`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((d: { period: string; status: string }) => `${d.period}:${d.status}`)).toEqual([
      'before:sent',
      'overdue-1:sent',
      'overdue-15:sent',
      'overdue-31:sent',
    ]);
  });

  it('pauses for a snoozed item and never nudges a closed one', async () => {
    // A weekday at least 10 days ahead, 14:00 UTC; the items were due the day before.
    const day = new Date(Date.now() + 10 * 86_400_000);
    while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
    const now = `${day.toISOString().slice(0, 10)}T14:00:00Z`;
    const dueDate = new Date(day.getTime() - 86_400_000).toISOString().slice(0, 10);
    const c = await cast();
    const snoozed = await c.item({ dueDate });
    const closed = await c.item({ dueDate });
    const control = await c.item({ dueDate });
    const until = new Date(day.getTime() + 5 * 86_400_000).toISOString();
    const res = await t
      .as('editor')
      .post(`/action-items/${snoozed.id}/snooze`)
      .send({ until, reason: 'Vendor fix in 4.2' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: snoozed.id, snoozedUntil: until, snoozeReason: 'Vendor fix in 4.2' });
    expect((await t.as('viewer').get(`/action-items/${snoozed.id}`)).body.snoozedUntil).toBe(until);
    expect((await t.as('editor').patch(`/action-items/${closed.id}`).send({ status: 'done' })).status).toBe(200);
    const snoozeClosed = await t.as('editor').post(`/action-items/${closed.id}/snooze`).send({ until, reason: 'x' });
    expect(snoozeClosed.status).toBe(409);
    await drainJobs(t.app, { queues: ['email-assignment'] });
    smtp.clear();

    await run('overdue-nudges', now);
    const nudged = smtp.to(c.owner.email).map((r) => r.mail.subject ?? '');
    expect(nudged).toHaveLength(1);
    expect(nudged[0]).toContain(control.title.slice(0, 40));
    for (const id of [snoozed.id, closed.id])
      expect((await t.as('admin').get(`/admin/deliveries?itemId=${id}&kind=nudge`)).body.items).toEqual([]);
  });

  it('says which field is wrong', async () => {
    const c = await cast();
    const item = await c.item();
    const far = new Date(Date.now() + 45 * 86_400_000).toISOString();
    const cases: Array<[string, object, string]> = [
      [`/action-items/${item.id}/snooze`, { until: far, reason: 'x' }, 'until'],
      [`/action-items/${item.id}/snooze`, { until: '2020-01-01T00:00:00Z', reason: 'x' }, 'until'],
      [`/action-items/${item.id}/snooze`, { until: 'tomorrow', reason: 'x' }, 'until'],
      [`/action-items/${item.id}/snooze`, { until: far }, 'reason'],
      ['/admin/jobs/overdue-nudges/run', { now: 'yesterday' }, 'now'],
      ['/admin/jobs/weekly-digest/run', { now: '2026-02-30T00:00:00Z' }, 'now'],
    ];
    for (const [path, body, field] of cases) {
      const res = await t.as('admin').post(path).send(body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await t.as('admin').get('/admin/deliveries?status=lost')).status).toBe(400);
    expect((await t.as('viewer').get('/admin/deliveries')).status).toBe(403);
  });
});

describe('weekly digest', () => {
  it('per owner and per lead and manager, at 09:00 Monday local, nothing to report sends nothing', async () => {
    const c = await cast('Asia/Tokyo');
    await c.item({ dueDate: '2027-03-10' }); // 5 days overdue on Monday 15 March
    await c.item({ dueDate: '2027-03-18' }); // due this week
    await c.item({ dueDate: '2027-05-20' }); // due in two months: counted in team sections, listed nowhere
    const idle = await makePerson(t, { name: 'Ida Idle', timezone: 'Asia/Tokyo' });
    await drainJobs(t.app, { queues: ['email-assignment'] });
    smtp.clear();

    await run('weekly-digest', '2027-03-14T23:59:00Z'); // Monday 08:59 in Tokyo
    expect(smtp.to(c.owner.email)).toHaveLength(0);
    await run('weekly-digest', '2027-03-15T00:00:00Z'); // Monday 09:00 in Tokyo
    const [own, ...more] = smtp.to(c.owner.email);
    expect(more).toHaveLength(0);
    expectWellFormed(own);
    expect(own.mail.subject).toBe('Weekly remediation digest: 1 overdue remediation item, 1 due in 7 days');
    expect(own.mail.text).toContain('OVERDUE (1)');
    expect(own.mail.text).toContain('5 days overdue (due Wed 10 Mar 2027)');
    expect(own.mail.text).toContain('DUE IN THE NEXT 7 DAYS (1)');
    expect(own.mail.text).toContain(`${PUBLIC_URL}/postmortems/${c.pm.id}`);
    // Handlebars writes `=` in attributes as &#x3D;, which every HTML reader decodes.
    expect(String(own.mail.html).replace(/&#x3D;/g, '=')).toContain(`href="${PUBLIC_URL}/items?ownerId=${c.owner.id}"`);

    const [lead] = smtp.to(c.lead.email);
    expect(lead.mail.subject).toBe('Weekly remediation digest: 1 overdue item in your teams');
    expect(lead.mail.text).toMatch(/Payments \w+: 3 open, 1 overdue, 0 closed on time last week/);
    expect(lead.mail.text).toContain(c.owner.name);
    const [manager] = smtp.to(c.manager.email);
    expect(manager.mail.text).toContain('Your reports: 3 open, 1 overdue');
    expect(own.mail.text).not.toContain('Thu 20 May 2027');
    expect(smtp.to(idle.email)).toHaveLength(0);
    expect(smtp.to(c.facilitator.email)).toHaveLength(0);

    // Again later that week: nothing new.
    await run('weekly-digest', '2027-03-17T03:00:00Z');
    expect(smtp.to(c.owner.email)).toHaveLength(1);

    // One-click unsubscribe (RFC 8058): a POST without login; a GET only shows a page.
    const head = own.raw.slice(0, own.raw.indexOf('\r\n\r\n')).replace(/\r\n\s+/g, ' ');
    const url = /^List-Unsubscribe: <([^>]+)>$/m.exec(head)![1].slice(PUBLIC_URL.length);
    expect((await t.anon().get(url)).status).toBe(200);
    expect((await t.as('viewer').get(`/people/${c.owner.id}`)).body.emailDigest).toBe(true);
    const one = await t.anon().post(url).type('form').send('List-Unsubscribe=One-Click');
    expect(one.status).toBe(200);
    expect((await t.as('viewer').get(`/people/${c.owner.id}`)).body).toMatchObject({
      emailDigest: false,
      emailNudges: true,
    });
    await run('weekly-digest', '2027-03-22T00:30:00Z');
    expect(smtp.to(c.owner.email)).toHaveLength(1);
    expect(smtp.to(c.lead.email)).toHaveLength(2);
  });

  it("names items not acknowledged after 3 working days in the facilitator's digest", async () => {
    const c = await cast();
    const silent = await c.item({
      title: 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on big tables',
    });
    const acked = await c.item({ title: 'Alert when the checkout connection pool stays above 90% for 5 minutes' });
    await drainJobs(t.app, { queues: ['email-assignment'] });
    const notice = smtp.to(c.owner.email).find((r) => r.mail.text?.includes(acked.title))!;
    expect((await t.anon().post(linkIn(notice.mail.text!, '/api/v1/email/ack'))).status).toBe(200);
    // The first Monday at least 5 days from now, 09:30 UTC.
    const day = new Date(Date.now() + 5 * 86_400_000);
    while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
    await run('weekly-digest', `${day.toISOString().slice(0, 10)}T09:30:00Z`);
    const [digest] = smtp.to(c.facilitator.email);
    expect(digest.mail.subject).toContain('1 not acknowledged');
    expect(digest.mail.text).toContain(silent.title);
    expect(digest.mail.text).not.toContain(acked.title);
    expect(digest.mail.text).toContain(`owned by ${c.owner.name}`);
  });
});

describe('when the mail server refuses', () => {
  it('retries a temporary refusal from the log, fails a permanent one, and shows it on /health and /metrics', async () => {
    const c = await cast();
    const item = await c.item({ dueDate: '2027-05-10' });
    await drainJobs(t.app, { queues: ['email-assignment'] });
    smtp.refuse = { code: 451, message: 'Try again later' };
    const first = await run('overdue-nudges', '2027-05-11T14:00:00Z');
    expect(first).toMatchObject({ sent: 0, failed: 0 });
    const [pending] = (await t.as('admin').get(`/admin/deliveries?itemId=${item.id}&kind=nudge`)).body.items;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, period: 'overdue-1' });
    expect(pending.lastError).toContain('451');
    expect(new Date(pending.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() + 30_000);

    // The server is back and the retry is due: the next run sends it, once.
    smtp.refuse = null;
    await t.app.get(DataSource).query('UPDATE email_delivery SET next_attempt_at = now() WHERE id = $1', [pending.id]);
    expect((await run('overdue-nudges', '2027-05-11T14:30:00Z')).sent).toBeGreaterThanOrEqual(1);
    expect(smtp.to(c.owner.email).filter((r) => r.mail.subject?.includes('overdue'))).toHaveLength(1);
    const sent = (await t.as('admin').get(`/admin/deliveries/${pending.id}`)).body;
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sent.text).toContain(item.title);

    // A permanent refusal: failed at once, never retried.
    const other = await c.item({ dueDate: '2027-05-17' });
    smtp.refuse = { code: 550, message: 'Mailbox unavailable' };
    const refused = await run('overdue-nudges', '2027-05-18T14:00:00Z');
    smtp.refuse = null;
    expect(refused.failed).toBeGreaterThanOrEqual(1);
    const [failed] = (await t.as('admin').get(`/admin/deliveries?itemId=${other.id}&status=failed`)).body.items;
    expect(failed.lastError).toContain('550');
    const health = await t.anon().get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.email).toMatchObject({ mode: 'smtp', state: 'failing' });
    expect(health.body.email.failedLastDay).toBeGreaterThanOrEqual(1);
    const metrics = await t.anon().get('/metrics');
    expect(metrics.text).toMatch(/emails_total\{kind="nudge",outcome="failed"\} [1-9]/);
    expect(metrics.text).toMatch(/emails_total\{kind="nudge",outcome="sent"\} [1-9]/);
    expect(metrics.text).toMatch(/emails_total\{kind="nudge",outcome="retried"\} [1-9]/);

    const preview = await t.as('admin').get(`/admin/deliveries/${failed.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toMatch(/text\/html/);
    expect(preview.text).toContain(other.title.replace(/&/g, '&amp;'));
    const runs = (await t.as('admin').get('/admin/jobs?name=overdue-nudges')).body.items;
    expect(runs[0]).toMatchObject({ name: 'overdue-nudges', trigger: 'admin', status: 'ok' });
    expect(runs[0].result).toMatchObject({ failed: refused.failed });
    expect((await t.as('admin').get('/admin/jobs?limit=1')).body.items).toHaveLength(1);
    const tooMany = await t.as('admin').get('/admin/jobs?limit=201');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });
});
