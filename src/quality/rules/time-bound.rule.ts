import { isCalendarDate } from '../../common/dates.js';
import type { Finding, ItemRule, Priority } from '../quality.types.js';
import { wholeField } from '../text/evidence.js';
import { quote } from '../text/format.js';

const DAY_MS = 86_400_000;
/** Without a priority the medium window applies: the middle ground, and the message says so. */
export const DEFAULT_PRIORITY: Priority = 'medium';

/** Whole days from `from` to `to`, both YYYY-MM-DD; calendar dates, so no time zone can shift them. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const timeBoundRule: ItemRule = (draft, ctx) => {
  const due = (draft.dueDate ?? '').trim();
  const priority = draft.priority ?? DEFAULT_PRIORITY;
  const window = ctx.windows[priority];
  const example = addDays(ctx.today, Math.min(window, 14));
  const error = (message: string): Finding[] => [
    {
      rule: 'time-bound',
      severity: 'error',
      message,
      hint: `Set a real date within the ${priority} window of ${window} days, e.g. "${example}".`,
      evidence: wholeField(draft, 'dueDate'),
    },
  ];

  if (!due) return error('There is no due date; items without one drift.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return error(`${quote(due)} is not a date in YYYY-MM-DD form.`);
  if (!isCalendarDate(due)) return error(`${quote(due)} is not a real calendar date.`);
  const days = daysBetween(ctx.today, due);
  if (days < 0) return error(`The due date ${due} is already in the past (today is ${ctx.today}).`);
  if (days <= window) return [];
  const which = draft.priority
    ? `${priority} priority allows ${window} days`
    : `with no priority set, the ${priority} window of ${window} days applies`;
  return [
    {
      rule: 'time-bound',
      severity: 'warning',
      message: `The due date is ${days} days away; ${which}.`,
      hint: `Bring it forward to ${addDays(ctx.today, window)} or earlier, or lower the priority if it really can wait.`,
      evidence: wholeField(draft, 'dueDate'),
    },
  ];
};
