import { makePerson, makePostmortem } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dataSource, daysFromToday, insertConnection, insertItem, makeTeam } from './dashboard-fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const summary = (query: Record<string, string> = {}) =>
  t.as('viewer').get(`/dashboard/summary?${new URLSearchParams(query).toString()}`);

describe('GET /dashboard/summary on an empty database', () => {
  it('answers zeros and nulls, a 90-day range ending today and one point per week', async () => {
    const res = await summary();
    expect(res.status).toBe(200);
    const today = daysFromToday(0);
    expect(res.body.range).toEqual({ from: daysFromToday(-89), to: today, today, timeZone: 'UTC' });
    expect(res.body.counts).toEqual({ open: 0, overdue: 0, done: 0, wontDo: 0, opened: 0 });
    expect(res.body.onTime).toMatchObject({ closed: 0, onTime: 0, rate: null });
    expect(res.body.timeToClose).toEqual({ count: 0, medianDays: null, p90Days: null });
    expect(res.body.acknowledgedShare).toBeNull();
    expect(res.body.overdueAge.map((b: { bucket: string; count: number }) => [b.bucket, b.count])).toEqual([
      ['1-7', 0],
      ['8-30', 0],
      ['31-90', 0],
      ['>90', 0],
    ]);
    expect(res.body.breakdowns).toEqual({ team: [], owner: [], priority: [], tracker: [] });
    // 90 days touch 13 or 14 Monday-to-Sunday weeks, all of them zero.
    expect([13, 14]).toContain(res.body.weekly.length);
    for (const w of res.body.weekly) expect(w).toMatchObject({ opened: 0, closed: 0, cumulativeOpen: 0 });
    expect(new Date(`${res.body.weekly[0].weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('rejects bad filters with a 400 that names the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: '2026-13-01' }, 'from'],
      [{ to: '2026-02-30' }, 'to'],
      [{ from: '2026-06-10', to: '2026-06-01' }, 'from'],
      [{ from: '2020-01-01', to: '2026-06-01' }, 'from'],
      [{ teamId: 'payments' }, 'teamId'],
      [{ severity: 'SEV-9' }, 'severity'],
      [{ priority: 'urgent' }, 'priority'],
      [{ tracker: 'svn' }, 'tracker'],
      [{ owner: 'x' }, 'owner'],
    ];
    for (const [query, field] of cases) {
      const res = await summary(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('needs a token and is documented in the OpenAPI document', async () => {
    expect((await t.anon().get('/api/v1/dashboard/summary')).status).toBe(401);
    const doc = (await t.anon().get('/api/docs-json')).body;
    const op = doc.paths['/api/v1/dashboard/summary'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['from', 'priority', 'severity', 'teamId', 'to', 'tracker'].sort(),
    );
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/DashboardSummaryDto',
    );
    expect(Object.keys(doc.components.schemas.DashboardSummaryDto.properties)).toEqual(
      expect.arrayContaining(['counts', 'onTime', 'timeToClose', 'weekly', 'overdueAge', 'breakdowns']),
    );
  });
});

/**
 * Hand-computed fixture over June 2026 (four whole weeks: Mondays 1, 8, 15 and 22), with
 * items before, inside and after the range. Expected figures are worked out in the comments.
 */
describe('GET /dashboard/summary with hand-computed figures', () => {
  const range = { from: '2026-06-01', to: '2026-06-28' };
  let alpha: string;
  let beta: string;
  let a1: string;
  let a2: string;
  let reopened: string;

  beforeAll(async () => {
    alpha = await makeTeam(t, 'Alpha');
    beta = await makeTeam(t, 'Beta');
    a1 = (await makePerson(t, { name: 'Ana Alpha', teamId: alpha })).id;
    a2 = (await makePerson(t, { name: 'Abel Alpha', teamId: alpha })).id;
    const b1 = (await makePerson(t, { name: 'Bo Beta', teamId: beta })).id;
    const c = (await makePerson(t, { name: 'Cy Loner' })).id;
    const sev1 = (await makePostmortem(t, { severity: 'SEV-1' })).id;
    const sev3 = (await makePostmortem(t, { severity: 'SEV-3' })).id;
    const jira = await insertConnection(t, 'jira', 'jira-dashboard');
    const item = (over: Partial<Parameters<typeof insertItem>[1]>) =>
      insertItem(t, {
        postmortemId: sev3,
        ownerId: a1,
        createdAt: '2026-06-01T00:00:00Z',
        dueDate: '2026-06-30',
        ...over,
      });

    // i1: opened before the range, still open, 10 days overdue (8-30), acknowledged by its owner.
    const i1 = await item({
      postmortemId: sev1,
      createdAt: '2026-05-20T09:00:00Z',
      dueDate: daysFromToday(-10),
      priority: 'high',
    });
    // i2: opened at the very first instant of week 1, done 2.5 days later, before its due date.
    await item({
      postmortemId: sev1,
      createdAt: '2026-06-01T00:00:00Z',
      status: 'done',
      closedAt: '2026-06-03T12:00:00Z',
      dueDate: '2026-06-05',
    });
    // i3: opened in the last second of week 1, closed in the last second of its due day (on time), 8 days.
    await item({
      createdAt: '2026-06-07T23:59:59Z',
      status: 'done',
      closedAt: '2026-06-15T23:59:59Z',
      dueDate: '2026-06-15',
    });
    // i4: week 2, closed a day late, 12 days 10 hours.
    await item({
      ownerId: b1,
      createdAt: '2026-06-08T00:00:00Z',
      status: 'done',
      closedAt: '2026-06-20T10:00:00Z',
      dueDate: '2026-06-19',
    });
    // i5: Sunday 23:30 in New York is Monday 04:30 UTC: week 3. Won't do, closed in week 3.
    await item({
      ownerId: c,
      createdAt: '2026-06-14T23:30:00-05:00',
      status: 'wont_do',
      closedAt: '2026-06-16T00:00:00Z',
    });
    // i6: reopened through the API below; due in the future, so open but not overdue.
    reopened = await item({ ownerId: a2, createdAt: '2026-06-02T10:00:00Z', dueDate: daysFromToday(30) });
    // i7: week 3 (Saturday), 40 days overdue (31-90), critical, ticket on Jira.
    await item({
      postmortemId: sev1,
      ownerId: b1,
      createdAt: '2026-06-20T12:00:00Z',
      dueDate: daysFromToday(-40),
      priority: 'critical',
      ticketConnectionId: jira,
    });
    // i8: week 4, in progress, 100 days overdue (> 90), owner without a team.
    await item({
      ownerId: c,
      createdAt: '2026-06-25T08:00:00Z',
      status: 'in_progress',
      dueDate: daysFromToday(-100),
      priority: 'low',
    });
    // i9: opened after the range: in none of the range's figures, though overdue.
    await item({ createdAt: '2026-07-05T08:00:00Z', dueDate: daysFromToday(-3) });
    // i10: closed late in the previous range (May 4-31).
    await item({
      createdAt: '2026-05-01T08:00:00Z',
      status: 'done',
      closedAt: '2026-05-10T08:00:00Z',
      dueDate: '2026-05-09',
    });
    // i11: opened in week 2, closed after the range: open at the end of every week of it.
    await item({
      ownerId: a2,
      createdAt: '2026-06-10T08:00:00Z',
      status: 'done',
      closedAt: '2026-06-30T00:00:00Z',
    });

    await dataSource(t).query(
      `UPDATE action_item SET acknowledged_at = '2026-05-21T08:00:00Z', updated_at = now() WHERE id = $1`,
      [i1],
    );

    // Reopen i6 the way a person does: done, then open again. Its close no longer counts.
    const done = await t.as('editor').patch(`/action-items/${reopened}`).send({ status: 'done' });
    expect(done.status).toBe(200);
    const open = await t.as('editor').patch(`/action-items/${reopened}`).send({ status: 'open' });
    expect(open.body).toMatchObject({ status: 'open', closedAt: null });
  });

  it('counts, closure rates, time to close and overdue ages', async () => {
    const res = await summary(range);
    expect(res.status).toBe(200);
    const b = res.body;
    // open: i1, i6 (reopened), i7, i8 (i9 opened after `to`); overdue: i1, i7, i8.
    // done in range: i2, i3, i4; won't do: i5; opened in range: i2-i8 and i11.
    expect(b.counts).toEqual({ open: 4, overdue: 3, done: 3, wontDo: 1, opened: 8 });
    // On time: i2 and i3 (closed on its due day), i4 a day late.
    expect(b.onTime).toEqual({ from: '2026-06-01', to: '2026-06-28', closed: 3, onTime: 2, rate: 0.6667 });
    // The previous 28 days: i10, late.
    expect(b.onTimePrevious).toEqual({ from: '2026-05-04', to: '2026-05-31', closed: 1, onTime: 0, rate: 0 });
    // 2.5, 8 and 12.42 days: median 8; p90 interpolates 80% of the way from 8 to 12.42 = 11.53.
    expect(b.timeToClose).toEqual({ count: 3, medianDays: 8, p90Days: 11.5 });
    expect(b.overdueAge.map((x: { count: number }) => x.count)).toEqual([0, 1, 1, 1]);
    // Of the 4 open items, i1's owner has acknowledged it.
    expect(b.acknowledgedShare).toBe(0.25);
  });

  it('weekly series: whole UTC weeks, boundary instants in their own week, reopened items open', async () => {
    const { body } = await summary(range);
    // Open at the start: i1 only (i10 closed in May).
    // Week 1: +i2 +i6 +i3, -i2 = 3. Week 2: +i4 +i11 = 5. Week 3: +i5 +i7, -i3 -i4 -i5 = 4. Week 4: +i8 = 5.
    expect(body.weekly).toEqual([
      { weekStart: '2026-06-01', opened: 3, closed: 1, cumulativeOpen: 3 },
      { weekStart: '2026-06-08', opened: 2, closed: 0, cumulativeOpen: 5 },
      { weekStart: '2026-06-15', opened: 2, closed: 3, cumulativeOpen: 4 },
      { weekStart: '2026-06-22', opened: 1, closed: 0, cumulativeOpen: 5 },
    ]);
  });

  it('a range that starts and ends mid-week still draws whole weeks', async () => {
    const { body } = await summary({ from: '2026-06-03', to: '2026-06-09' });
    expect(body.weekly.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2026-06-01', '2026-06-08']);
    // Opened within June 3-9 only: i3, i4.
    expect(body.counts.opened).toBe(2);
  });

  it('breakdowns of open and overdue items by team, owner, priority and tracker', async () => {
    const { body } = await summary(range);
    const rows = (list: Array<{ label: string; open: number; overdue: number }>) =>
      list.map((r) => [r.label, r.open, r.overdue]);
    expect(rows(body.breakdowns.team)).toEqual([
      ['Alpha', 2, 1],
      ['Beta', 1, 1],
      ['No team', 1, 1],
    ]);
    expect(body.breakdowns.team[0].key).toBe(alpha);
    expect(body.breakdowns.team[2].key).toBeNull();
    expect(rows(body.breakdowns.owner)).toEqual([
      ['Ana Alpha', 1, 1],
      ['Bo Beta', 1, 1],
      ['Cy Loner', 1, 1],
      ['Abel Alpha', 1, 0],
    ]);
    expect(rows(body.breakdowns.priority)).toEqual([
      ['critical', 1, 1],
      ['high', 1, 1],
      ['medium', 1, 0],
      ['low', 1, 1],
    ]);
    expect(rows(body.breakdowns.tracker)).toEqual([
      ['No ticket', 3, 2],
      ['Jira', 1, 1],
    ]);
  });

  it('filters by team, severity, priority and tracker', async () => {
    const alphaOnly = (await summary({ ...range, teamId: alpha })).body;
    // Alpha: open i1, i6; done i2, i3 (both on time); i11 closed after the range.
    expect(alphaOnly.counts).toEqual({ open: 2, overdue: 1, done: 2, wontDo: 0, opened: 4 });
    expect(alphaOnly.onTime.rate).toBe(1);
    expect(alphaOnly.breakdowns.team.map((r: { label: string }) => r.label)).toEqual(['Alpha']);

    const sev1 = (await summary({ ...range, severity: 'SEV-1' })).body;
    expect(sev1.counts).toEqual({ open: 2, overdue: 2, done: 1, wontDo: 0, opened: 2 });

    const critical = (await summary({ ...range, priority: 'critical' })).body;
    expect(critical.counts).toMatchObject({ open: 1, overdue: 1, done: 0 });

    const jira = (await summary({ ...range, tracker: 'jira' })).body;
    expect(jira.counts).toEqual({ open: 1, overdue: 1, done: 0, wontDo: 0, opened: 1 });
    const none = (await summary({ ...range, tracker: 'none' })).body;
    expect(none.counts.open).toBe(3);
    expect(none.weekly.at(-1).cumulativeOpen).toBe(4);

    const github = (await summary({ ...range, tracker: 'github' })).body;
    expect(github.counts).toEqual({ open: 0, overdue: 0, done: 0, wontDo: 0, opened: 0 });
  });
});
