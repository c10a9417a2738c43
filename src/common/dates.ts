/** Calendar-date helpers: due dates are dates, not instants, so no time zone drifts them. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

/** True for a real date in YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
