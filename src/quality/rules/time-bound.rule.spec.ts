import { DEFAULT_WINDOWS, type Priority, type RuleContext } from '../quality.types.js';
import { daysBetween, timeBoundRule } from './time-bound.rule.js';

const ctx = (today = '2026-11-21', windows = DEFAULT_WINDOWS): RuleContext => ({ today, windows, owner: null });
const check = (dueDate: string | null | undefined, priority: Priority | null = 'medium', c = ctx()) =>
  timeBoundRule({ title: 'Alert when queue age exceeds 10 minutes', dueDate, priority }, c);

describe('time-bound rule', () => {
  it.each([
    [null, 'medium', 'no due date'],
    [undefined, 'high', 'no due date'],
    ['', 'high', 'no due date'],
    ['next week', 'high', 'YYYY-MM-DD'],
    ['Q1', 'low', 'YYYY-MM-DD'],
    ['ASAP', 'critical', 'YYYY-MM-DD'],
    ['2026/12/01', 'high', 'YYYY-MM-DD'],
    ['01-12-2026', 'high', 'YYYY-MM-DD'],
    ['2026-12-1', 'high', 'YYYY-MM-DD'],
    ['2026-12-01T10:00:00Z', 'high', 'YYYY-MM-DD'],
    ['2026-13-01', 'high', 'calendar date'],
    ['2026-11-31', 'high', 'calendar date'],
    ['2027-02-29', 'low', 'calendar date'],
    ['2026-12-00', 'high', 'calendar date'],
    ['2026-11-20', 'high', 'past'],
    ['2025-12-31', 'low', 'past'],
    ['2026-01-01', null, 'past'],
  ] as [string | null | undefined, Priority | null, string][])('is an error for %p (%s)', (due, priority, words) => {
    const findings = check(due, priority);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'time-bound', severity: 'error' });
    expect(findings[0].message.toLowerCase()).toContain(words.toLowerCase());
  });

  it.each([
    ['2026-11-29', 'critical', 8],
    ['2026-12-22', 'high', 31],
    ['2027-01-21', 'medium', 61],
    ['2027-02-20', 'low', 91],
    ['2027-06-30', 'high', 221],
    ['2026-12-01', 'critical', 10],
    ['2027-11-21', 'medium', 365],
  ] as [string, Priority, number][])('warns when %p is beyond the %s window', (due, priority, days) => {
    const findings = check(due, priority);
    expect(findings).toEqual([expect.objectContaining({ rule: 'time-bound', severity: 'warning' })]);
    expect(findings[0].message).toContain(`${days} days`);
  });

  it('uses the medium window when no priority is set, and says so', () => {
    expect(check('2027-01-20', null)).toEqual([]);
    const [finding] = check('2027-01-21', null);
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('no priority');
  });

  it.each([
    ['2026-11-21', 'critical'],
    ['2026-11-28', 'critical'],
    ['2026-12-21', 'high'],
    ['2027-01-20', 'medium'],
    ['2027-02-19', 'low'],
    [' 2026-12-01 ', 'high'],
    ['2026-11-22', 'critical'],
    ['2026-12-10', 'high'],
    ['2027-01-01', 'low'],
  ] as [string, Priority][])('accepts %p for %s priority', (due, priority) => {
    expect(check(due, priority)).toEqual([]);
  });

  it('follows the windows the caller configured', () => {
    const tight = { ...DEFAULT_WINDOWS, high: 14 };
    expect(check('2026-12-06', 'high', ctx('2026-11-21', tight))[0].severity).toBe('warning');
    expect(check('2026-12-05', 'high', ctx('2026-11-21', tight))).toEqual([]);
  });

  it('counts calendar days across leap days and DST changes', () => {
    expect(check('2028-02-29', 'critical', ctx('2028-02-28'))).toEqual([]);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('proposes a date inside the window', () => {
    expect(check(null, 'critical')[0].hint).toMatch(/2026-11-28/);
  });
});
