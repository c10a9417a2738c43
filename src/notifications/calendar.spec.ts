import { addWorkingDays, digestPeriod, inSendingWindow, localDate, nudgeStep, type NudgeRules } from './calendar.js';

const rules: NudgeRules = { beforeDays: 2, repeatDays: 7, managerAfterDays: 14, facilitatorAfterDays: 30 };
const window = { startHour: 9, endHour: 17 };
const at = (iso: string) => new Date(iso);

describe('nudgeStep', () => {
  // Due 2026-12-10 (a Thursday); `now` is noon UTC, read in UTC.
  it.each([
    ['2026-12-05T12:00:00Z', null, 'five days before: nothing yet'],
    ['2026-12-07T12:00:00Z', null, 'three days before: nothing yet'],
    ['2026-12-08T12:00:00Z', 'before', 'two days before'],
    ['2026-12-09T12:00:00Z', 'before', 'one day before: the same step (sent once)'],
    ['2026-12-10T12:00:00Z', null, 'due today'],
    ['2026-12-11T12:00:00Z', 'overdue-1', 'first day overdue'],
    ['2026-12-17T12:00:00Z', 'overdue-1', 'day 7: still the first step'],
    ['2026-12-18T12:00:00Z', 'overdue-8', 'day 8: the weekly repeat'],
    ['2026-12-24T12:00:00Z', 'overdue-8', 'day 14: not escalated yet'],
    ['2026-12-25T12:00:00Z', 'overdue-15', 'day 15: past 14 days, the manager is copied'],
    ['2027-01-01T12:00:00Z', 'overdue-22', 'day 22'],
    ['2027-01-09T12:00:00Z', 'overdue-29', 'day 30: not yet the facilitator'],
    ['2027-01-10T12:00:00Z', 'overdue-31', 'day 31: past 30 days, the facilitator too'],
    ['2027-01-15T12:00:00Z', 'overdue-36', 'day 36: weekly repeat again'],
  ])('at %s: %s (%s)', (now: string, step: string | null, _why: string) => {
    expect(nudgeStep('2026-12-10', at(now), 'UTC', rules)?.step ?? null).toBe(step);
  });

  it.each([
    [14, 0],
    [15, 1],
    [30, 1],
    [31, 2],
  ])('overdue by %i days: escalation %i', (days, level) => {
    const now = new Date(Date.UTC(2026, 11, 10 + days, 12));
    expect(nudgeStep('2026-12-10', now, 'UTC', rules)?.escalation).toBe(level);
  });

  it('reads the due date in the owner’s zone: the same instant is overdue in Tokyo, not in Los Angeles', () => {
    const now = at('2026-12-10T20:00:00Z'); // Fri 05:00 in Tokyo, Thu 12:00 in Los Angeles
    expect(nudgeStep('2026-12-10', now, 'Asia/Tokyo', rules)?.step).toBe('overdue-1');
    expect(nudgeStep('2026-12-10', now, 'America/Los_Angeles', rules)).toBeNull();
  });

  it('follows changed thresholds', () => {
    const custom = { beforeDays: 5, repeatDays: 3, managerAfterDays: 5, facilitatorAfterDays: 9 };
    expect(nudgeStep('2026-12-10', at('2026-12-05T12:00:00Z'), 'UTC', custom)?.step).toBe('before');
    expect(nudgeStep('2026-12-10', at('2026-12-14T12:00:00Z'), 'UTC', custom)?.step).toBe('overdue-4');
    expect(nudgeStep('2026-12-10', at('2026-12-16T12:00:00Z'), 'UTC', custom)).toMatchObject({
      step: 'overdue-6',
      escalation: 1,
    });
  });
});

describe('inSendingWindow: weekdays 09:00-17:00 in the recipient’s zone', () => {
  it.each([
    // Tuesday 2026-12-08
    ['2026-12-08T08:59:00Z', 'Europe/London', false],
    ['2026-12-08T09:00:00Z', 'Europe/London', true],
    ['2026-12-08T16:59:00Z', 'Europe/London', true],
    ['2026-12-08T17:00:00Z', 'Europe/London', false],
    ['2026-12-08T14:00:00Z', 'America/New_York', true], // 09:00 EST
    ['2026-12-08T13:59:00Z', 'America/New_York', false],
    ['2026-12-08T00:00:00Z', 'Asia/Tokyo', true], // 09:00 JST
    ['2026-12-08T08:00:00Z', 'Asia/Tokyo', false], // 17:00 JST
    // Saturday in Tokyo while it is still Friday in New York
    ['2026-12-12T01:00:00Z', 'Asia/Tokyo', false],
    ['2026-12-11T20:00:00Z', 'America/New_York', true],
    // Sunday everywhere
    ['2026-12-13T12:00:00Z', 'Europe/London', false],
  ])('%s in %s: %s', (now, zone, open) => {
    expect(inSendingWindow(at(now), zone, window)).toBe(open);
  });

  it('moves with daylight saving time (New York, 1 November 2026)', () => {
    // Friday before: EDT (UTC-4), 09:00 is 13:00Z. Monday after: EST (UTC-5), 09:00 is 14:00Z.
    expect(inSendingWindow(at('2026-10-30T13:00:00Z'), 'America/New_York', window)).toBe(true);
    expect(inSendingWindow(at('2026-11-02T13:00:00Z'), 'America/New_York', window)).toBe(false);
    expect(inSendingWindow(at('2026-11-02T14:00:00Z'), 'America/New_York', window)).toBe(true);
  });
});

describe('digestPeriod: Monday 09:00 local', () => {
  it.each([
    ['2026-12-07T08:59:00Z', 'Europe/London', null],
    ['2026-12-07T09:00:00Z', 'Europe/London', '2026-W50'],
    ['2026-12-09T09:00:00Z', 'Europe/London', '2026-W50'], // a replica down on Monday catches up
    ['2026-12-06T23:59:00Z', 'Europe/London', '2026-W49'], // Sunday night: still last week's period
    ['2026-12-07T00:00:00Z', 'Asia/Tokyo', '2026-W50'], // 09:00 JST Monday
    ['2026-12-06T23:59:00Z', 'Asia/Tokyo', null],
    ['2026-12-07T13:59:00Z', 'America/New_York', null],
    ['2026-12-07T14:00:00Z', 'America/New_York', '2026-W50'],
  ])('%s in %s: %s', (now: string, zone: string, period: string | null) => {
    expect(digestPeriod(at(now), zone, 1, 9)).toBe(period);
  });

  it('is due at 09:00 local across a DST change (New York, Monday 2 November 2026)', () => {
    expect(digestPeriod(at('2026-10-26T12:59:00Z'), 'America/New_York', 1, 9)).toBeNull();
    expect(digestPeriod(at('2026-10-26T13:00:00Z'), 'America/New_York', 1, 9)).toBe('2026-W44'); // EDT
    expect(digestPeriod(at('2026-11-02T13:00:00Z'), 'America/New_York', 1, 9)).toBeNull(); // 08:00 EST
    expect(digestPeriod(at('2026-11-02T14:00:00Z'), 'America/New_York', 1, 9)).toBe('2026-W45');
  });

  it('honours another weekday and hour, and the ISO week-year at the turn of the year', () => {
    expect(digestPeriod(at('2026-12-10T15:00:00Z'), 'UTC', 4, 16)).toBeNull();
    expect(digestPeriod(at('2026-12-10T16:00:00Z'), 'UTC', 4, 16)).toBe('2026-W50');
    expect(digestPeriod(at('2027-01-04T09:00:00Z'), 'UTC', 1, 9)).toBe('2027-W01');
    expect(digestPeriod(at('2026-12-28T09:00:00Z'), 'UTC', 1, 9)).toBe('2026-W53');
  });
});

describe('addWorkingDays and localDate', () => {
  it('skips the weekend in the given zone', () => {
    // Thursday 10:00 Berlin + 3 working days = Tuesday 10:00 Berlin.
    const from = at('2026-12-10T09:00:00Z');
    expect(addWorkingDays(from, 3, 'Europe/Berlin').toISOString()).toBe('2026-12-15T09:00:00.000Z');
    // Across the end of European summer time (25 October 2026): local 10:00 stays 10:00.
    expect(addWorkingDays(at('2026-10-23T08:00:00Z'), 1, 'Europe/Berlin').toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
  });

  it('gives the local calendar date', () => {
    expect(localDate(at('2026-12-10T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-12-11');
    expect(localDate(at('2026-12-10T23:30:00Z'), 'America/New_York')).toBe('2026-12-10');
  });
});
