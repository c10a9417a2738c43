import { DateTime } from 'luxon';

/**
 * Calendar rules of the reminders, as pure functions of an injected `now`. Due dates are
 * calendar dates read in the recipient's time zone; Luxon does the zone and DST arithmetic.
 */

export interface NudgeRules {
  /** One reminder this many days before the due date. */
  beforeDays: number;
  /** After the first day overdue, a reminder every this many days. */
  repeatDays: number;
  /** Overdue by more than this many days: the manager (else the team lead) is copied. */
  managerAfterDays: number;
  /** Overdue by more than this many days: the facilitator is copied too. */
  facilitatorAfterDays: number;
}

export interface SendingWindow {
  /** First local hour (0-23) a nudge may go out on a weekday. */
  startHour: number;
  /** Local hour at which the window closes (exclusive). */
  endHour: number;
}

export type Escalation = 0 | 1 | 2;

export interface NudgeStep {
  /** Stable name of the step, part of the delivery key: `before`, `overdue-1`, `overdue-8`, … */
  step: string;
  kind: 'before' | 'overdue';
  /** Days past the due date in the recipient's zone (negative: days left). */
  daysOverdue: number;
  /** 0: owner only; 1: manager or team lead copied; 2: the facilitator too. */
  escalation: Escalation;
}

const local = (now: Date, zone: string): DateTime => DateTime.fromJSDate(now, { zone });

/** Distinct answers a memo keeps before it starts over (a run sees a few hundred dates). */
const MEMO_MAX = 4_096;

/**
 * Remembers a pure function's answers by key. A digest run asks the same few hundred dates
 * tens of thousands of times (every item line's due date, days overdue and formatted date),
 * and each Luxon answer allocates a dozen objects: 0.5 GB of garbage per run of the benchmark
 * before this, which the collector promoted and the process's peak RSS paid for.
 */
function memo<A extends unknown[], R>(key: (...a: A) => string, f: (...a: A) => R): (...a: A) => R {
  const seen = new Map<string, R>();
  return (...a) => {
    const k = key(...a);
    if (seen.has(k)) return seen.get(k)!;
    const r = f(...a);
    if (seen.size >= MEMO_MAX) seen.clear();
    seen.set(k, r);
    return r;
  };
}

/** The calendar date (YYYY-MM-DD) it is at `now` in `zone`. */
export const localDate = memo(
  (now: Date, zone: string) => `${now.getTime()} ${zone}`,
  (now: Date, zone: string): string => local(now, zone).toISODate() ?? '',
);

/** Whole days from one calendar date to another (positive when `to` is later). */
export const daysBetween = memo(
  (from: string, to: string) => `${from} ${to}`,
  (from: string, to: string): number => {
    const a = DateTime.fromISO(from, { zone: 'utc' });
    const b = DateTime.fromISO(to, { zone: 'utc' });
    return Math.round(b.diff(a, 'days').days);
  },
);

/** Adds days to a calendar date. */
export const addDays = memo(
  (date: string, days: number) => `${date} ${days}`,
  (date: string, days: number): string => DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? date,
);

/**
 * The reminder an open item is due for at `now`, or null. The step changes on the day before
 * the due date window opens, the first day overdue, every `repeatDays` after it, and on the
 * first day past each escalation threshold; a step is sent at most once (the delivery key),
 * and a step missed (quiet time, an outage) is superseded by the next one, never sent late
 * alongside it.
 */
export function nudgeStep(dueDate: string, now: Date, zone: string, rules: NudgeRules): NudgeStep | null {
  const overdue = daysBetween(dueDate, localDate(now, zone));
  if (overdue < 0)
    return -overdue <= rules.beforeDays
      ? { step: 'before', kind: 'before', daysOverdue: overdue, escalation: 0 }
      : null;
  if (overdue === 0) return null;
  const starts = [
    rules.managerAfterDays + 1,
    rules.facilitatorAfterDays + 1,
    1 + Math.floor((overdue - 1) / rules.repeatDays) * rules.repeatDays,
  ];
  const start = Math.max(...starts.filter((s) => s <= overdue));
  return { step: `overdue-${start}`, kind: 'overdue', daysOverdue: overdue, escalation: escalationFor(overdue, rules) };
}

export function escalationFor(daysOverdue: number, rules: NudgeRules): Escalation {
  if (daysOverdue > rules.facilitatorAfterDays) return 2;
  if (daysOverdue > rules.managerAfterDays) return 1;
  return 0;
}

/** Nudges go out on the recipient's weekdays within the window; otherwise they wait. */
export function inSendingWindow(now: Date, zone: string, window: SendingWindow): boolean {
  const t = local(now, zone);
  return t.weekday <= 5 && t.hour >= window.startHour && t.hour < window.endHour;
}

/**
 * The digest period (ISO week, `2026-W49`) a recipient is due for at `now`: from `weekday`
 * (1 = Monday … 7 = Sunday) at `hour` local time until the end of that ISO week; null before.
 * A replica that was down on Monday still sends that week's digest on Tuesday.
 */
export const digestPeriod = memo(
  (now: Date, zone: string, weekday: number, hour: number) => `${now.getTime()} ${zone} ${weekday} ${hour}`,
  (now: Date, zone: string, weekday: number, hour: number): string | null => {
    const t = local(now, zone);
    const opens = t
      .startOf('week')
      .plus({ days: weekday - 1 })
      .set({ hour, minute: 0, second: 0, millisecond: 0 });
    if (t < opens) return null;
    return `${t.weekYear}-W${String(t.weekNumber).padStart(2, '0')}`;
  },
);

/** The instant `days` working days (Monday to Friday, in `zone`) after `from`. */
export function addWorkingDays(from: Date, days: number, zone: string): Date {
  let t = local(from, zone);
  let left = days;
  while (left > 0) {
    t = t.plus({ days: 1 });
    if (t.weekday <= 5) left--;
  }
  return t.toJSDate();
}

/** The local date and time as a reader sees it, e.g. "Mon 7 Dec 2026". */
export const formatDate = memo(
  (date: string) => date,
  (date: string): string => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('EEE d LLL yyyy'),
);
