import { isCalendarDate, todayUtc } from '../common/dates.js';
import { invalid } from '../common/domain-errors.js';

const DAY_MS = 86_400_000;
/** About three years of weeks: the series stays small enough to draw and to compute. */
export const MAX_RANGE_DAYS = 1100;
export const DEFAULT_RANGE_DAYS = 90;

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const dayDiff = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
/** Monday of the week holding `date` (ISO weeks, UTC). */
const monday = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The instants and weeks a summary covers: UTC days, weeks Monday to Sunday. */
export interface SummaryRange {
  from: string;
  to: string;
  today: string;
  /** [fromStart, toEnd): the range as instants. */
  fromStart: string;
  toEnd: string;
  /** The range of equal length just before, for the closure-rate comparison. */
  prevFrom: string;
  prevTo: string;
  prevStart: string;
  /** Monday of the first week and of the last week; weekEnd is the Monday after the last week. */
  firstWeek: string;
  lastWeek: string;
  weekEnd: string;
}

const instant = (date: string) => `${date}T00:00:00.000Z`;

export function resolveRange(from: string | undefined, to: string | undefined, now = new Date()): SummaryRange {
  const today = todayUtc(now);
  if (to !== undefined && !isCalendarDate(to)) throw invalid('to', 'is not a real calendar date');
  if (from !== undefined && !isCalendarDate(from)) throw invalid('from', 'is not a real calendar date');
  const end = to ?? today;
  const start = from ?? addDays(end, -(DEFAULT_RANGE_DAYS - 1));
  const days = dayDiff(start, end) + 1;
  if (days < 1) throw invalid('from', 'must be on or before to');
  if (days > MAX_RANGE_DAYS) throw invalid('from', `must be at most ${MAX_RANGE_DAYS} days before to`);
  const prevTo = addDays(start, -1);
  const prevFrom = addDays(prevTo, -(days - 1));
  const lastWeek = monday(end);
  return {
    from: start,
    to: end,
    today,
    fromStart: instant(start),
    toEnd: instant(addDays(end, 1)),
    prevFrom,
    prevTo,
    prevStart: instant(prevFrom),
    firstWeek: monday(start),
    lastWeek,
    weekEnd: instant(addDays(lastWeek, 7)),
  };
}
