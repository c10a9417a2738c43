import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PRIORITIES } from '../action-items/index.js';
import { trackerKind, type TrackerKind } from '../trackers/index.js';
import type { DashboardQuery } from './dashboard-query.dto.js';
import type {
  AgeBucketDto,
  BreakdownRowDto,
  BreakdownsDto,
  ClosureRateDto,
  DashboardSummaryDto,
  WeekPointDto,
} from './dashboard-summary.dto.js';
import { Memo, SummaryCache, VERSION_MEMO_MS } from './summary-cache.js';
import { and, itemSource, OPEN_SQL, SqlParams } from './summary-filter.js';
import { resolveRange, type SummaryRange } from './summary-range.js';

export const AGE_BUCKETS: ReadonlyArray<{ bucket: string; minDays: number; maxDays: number | null }> = [
  { bucket: '1-7', minDays: 1, maxDays: 7 },
  { bucket: '8-30', minDays: 8, maxDays: 30 },
  { bucket: '31-90', minDays: 31, maxDays: 90 },
  { bucket: '>90', minDays: 91, maxDays: null },
];
const TOP_OWNERS = 15;

type Num = string | number | null;
const int = (v: Num) => Number(v ?? 0);
const days = (seconds: Num) => (seconds === null ? null : Math.round((Number(seconds) / 86_400) * 10) / 10);
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** What a summary reads besides action items: a change to one of these changes the answer. */
const countsAndLast = (table: string) => `(SELECT concat(count(*), '/', max(updated_at)) FROM ${table})`;

/**
 * The overview's figures, each computed by PostgreSQL: three queries that read only open items,
 * items closed since the previous range began and items opened in the range (all indexed), and
 * return aggregates, never item rows. Answers are reused while the data is unchanged (see
 * summary-cache.ts): at 20 concurrent viewers the aggregates would otherwise take seconds.
 */
@Injectable()
export class DashboardService {
  private readonly cache = new SummaryCache<DashboardSummaryDto>();
  /**
   * Counts catch what no updated_at shows (rows inserted with past instants, deletions) but
   * cost a scan of the items' index: read at most once a second, shared by the requests between.
   */
  private readonly slowVersion = new Memo(
    () =>
      this.ds.query<unknown[]>(
        `SELECT (SELECT count(*) FROM action_item) AS items, ${countsAndLast('person')} AS people,
                ${countsAndLast('postmortem')} AS postmortems`,
      ),
    VERSION_MEMO_MS,
  );

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async summary(q: DashboardQuery, now = new Date()): Promise<DashboardSummaryDto> {
    const r = resolveRange(q.from, q.to, now);
    const key = JSON.stringify([r.from, r.to, r.today, q.teamId, q.severity, q.priority, q.tracker]);
    return this.cache.get(key, await this.dataVersion(), () => this.compute(q, r));
  }

  /**
   * The version of everything a summary reads. Every write through the service moves the last
   * item update (an index lookup, read on each request), so a change made here shows at once;
   * the counts follow within a second.
   */
  private async dataVersion(): Promise<string> {
    const [fast, slow] = await Promise.all([
      this.ds.query<unknown[]>(
        `SELECT (SELECT max(updated_at) FROM action_item) AS items, ${countsAndLast('team')} AS teams,
                ${countsAndLast('tracker_connection')} AS trackers`,
      ),
      this.slowVersion.get(),
    ]);
    return JSON.stringify([fast, slow]);
  }

  /** Forgets every kept answer (after writes that bypass the service, such as a bulk import). */
  forget(): void {
    this.cache.clear();
    this.slowVersion.clear();
  }

  private async compute(q: DashboardQuery, r: SummaryRange): Promise<DashboardSummaryDto> {
    const [head, weekly, breakdowns] = await Promise.all([
      this.headline(q, r),
      this.weekly(q, r),
      this.breakdowns(q, r),
    ]);
    return {
      range: { from: r.from, to: r.to, today: r.today, timeZone: 'UTC' },
      ...head,
      weekly,
      breakdowns,
    };
  }

  private async headline(q: DashboardQuery, r: SummaryRange) {
    const s = new SqlParams();
    const src = itemSource(q, s);
    const [toEnd, today, fromStart, prevStart] = [s.p(r.toEnd), s.p(r.today), s.p(r.fromStart), s.p(r.prevStart)];
    const openNow = `${OPEN_SQL} AND ai.created_at < ${toEnd}`;
    const late = `${openNow} AND ai.due_date < ${today}::date`;
    const closedIn = (start: string, end: string) => `ai.closed_at >= ${start} AND ai.closed_at < ${end}`;
    const doneIn = `ai.status = 'done' AND ${closedIn(fromStart, toEnd)}`;
    const donePrev = `ai.status = 'done' AND ${closedIn(prevStart, fromStart)}`;
    // A closing on the due date's UTC day is on time.
    const onTime = "(ai.closed_at AT TIME ZONE 'UTC')::date <= ai.due_date";
    const age = `(${today}::date - ai.due_date)`;
    const buckets = AGE_BUCKETS.map(
      (b, i) =>
        `count(*) FILTER (WHERE ${late} AND ${age} >= ${b.minDays}${b.maxDays ? ` AND ${age} <= ${b.maxDays}` : ''}) AS b${i}`,
    );
    const seconds = 'EXTRACT(EPOCH FROM ai.closed_at - ai.created_at)';
    const sql = `SELECT
        count(*) FILTER (WHERE ${openNow}) AS open,
        count(*) FILTER (WHERE ${late}) AS overdue,
        count(*) FILTER (WHERE ${openNow} AND ai.acknowledged_at IS NOT NULL) AS acknowledged,
        count(*) FILTER (WHERE ${doneIn}) AS done,
        count(*) FILTER (WHERE ai.status = 'wont_do' AND ${closedIn(fromStart, toEnd)}) AS wont_do,
        count(*) FILTER (WHERE ${doneIn} AND ai.due_date IS NOT NULL) AS closed_due,
        count(*) FILTER (WHERE ${doneIn} AND ${onTime}) AS on_time,
        count(*) FILTER (WHERE ${donePrev} AND ai.due_date IS NOT NULL) AS prev_closed_due,
        count(*) FILTER (WHERE ${donePrev} AND ${onTime}) AS prev_on_time,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) FILTER (WHERE ${doneIn}) AS median_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds}) FILTER (WHERE ${doneIn}) AS p90_s,
        ${buckets.join(',\n        ')}
      FROM ${src.from}
      WHERE ${and(`(${OPEN_SQL} OR ai.closed_at >= ${prevStart})`, ...src.where)}`;
    const opened = new SqlParams();
    const openedSrc = itemSource(q, opened);
    const openedSql = `SELECT count(*) AS n FROM ${openedSrc.from} WHERE ${and(
      `ai.created_at >= ${opened.p(r.fromStart)} AND ai.created_at < ${opened.p(r.toEnd)}`,
      ...openedSrc.where,
    )}`;
    const [[row], [openedRow]] = await Promise.all([
      this.ds.query<Array<Record<string, Num>>>(sql, s.values),
      this.ds.query<Array<{ n: Num }>>(openedSql, opened.values),
    ]);
    const v = row;
    const closure = (from: string, to: string, closed: Num, onTimeCount: Num): ClosureRateDto => ({
      from,
      to,
      closed: int(closed),
      onTime: int(onTimeCount),
      rate: rate(int(onTimeCount), int(closed)),
    });
    const overdueAge: AgeBucketDto[] = AGE_BUCKETS.map((b, i) => ({ ...b, count: int(v[`b${i}`] ?? 0) }));
    return {
      counts: {
        open: int(v.open),
        overdue: int(v.overdue),
        done: int(v.done),
        wontDo: int(v.wont_do),
        opened: int(openedRow.n),
      },
      onTime: closure(r.from, r.to, v.closed_due, v.on_time),
      onTimePrevious: closure(r.prevFrom, r.prevTo, v.prev_closed_due, v.prev_on_time),
      timeToClose: { count: int(v.done), medianDays: days(v.median_s), p90Days: days(v.p90_s) },
      acknowledgedShare: rate(int(v.acknowledged), int(v.open)),
      overdueAge,
    };
  }

  /** Whole weeks: opened and closed per week, and what was open at each week's end. */
  private async weekly(q: DashboardQuery, r: SummaryRange): Promise<WeekPointDto[]> {
    const s = new SqlParams();
    const src = itemSource(q, s);
    // The weeks as a series of integers: the planner then knows how many there are (it guesses
    // 1,000 for a series of timestamps, which made the join look costly enough to JIT-compile).
    const lastWeekIndex = Math.round((Date.parse(r.lastWeek) - Date.parse(r.firstWeek)) / (7 * 86_400_000));
    const [w0, wLast, wEnd] = [s.p(`${r.firstWeek}T00:00:00.000Z`), s.p(lastWeekIndex), s.p(r.weekEnd)];
    const week = (col: string) => `date_trunc('week', ${col} AT TIME ZONE 'UTC')`;
    const filtered = (cond: string) => `FROM ${src.from} WHERE ${and(cond, ...src.where)}`;
    const sql = `WITH
      weeks AS (SELECT (${w0}::timestamptz AT TIME ZONE 'UTC') + n * interval '1 week' AS wk
                FROM generate_series(0, ${wLast}::int) n),
      o AS (SELECT ${week('ai.created_at')} AS wk, count(*) AS n
            ${filtered(`ai.created_at >= ${w0} AND ai.created_at < ${wEnd}`)} GROUP BY 1),
      c AS (SELECT ${week('ai.closed_at')} AS wk, count(*) AS n
            ${filtered(`ai.status IN ('done', 'wont_do') AND ai.closed_at >= ${w0} AND ai.closed_at < ${wEnd}`)} GROUP BY 1),
      b AS (SELECT count(*) AS n
            ${filtered(`ai.created_at < ${w0} AND (${OPEN_SQL} OR ai.closed_at >= ${w0})`)})
      SELECT to_char(w.wk, 'YYYY-MM-DD') AS week_start, coalesce(o.n, 0) AS opened, coalesce(c.n, 0) AS closed,
             (SELECT n FROM b) + sum(coalesce(o.n, 0) - coalesce(c.n, 0)) OVER (ORDER BY w.wk) AS cumulative_open
      FROM weeks w LEFT JOIN o ON o.wk = w.wk LEFT JOIN c ON c.wk = w.wk
      ORDER BY w.wk`;
    const rows = await this.ds.query<Array<{ week_start: string; opened: Num; closed: Num; cumulative_open: Num }>>(
      sql,
      s.values,
    );
    return rows.map((w) => ({
      weekStart: w.week_start,
      opened: int(w.opened),
      closed: int(w.closed),
      cumulativeOpen: int(w.cumulative_open),
    }));
  }

  /** Open and overdue items by team, owner (the top few), priority and tracker, in one grouped query. */
  private async breakdowns(q: DashboardQuery, r: SummaryRange): Promise<BreakdownsDto> {
    const s = new SqlParams();
    const src = itemSource(q, s);
    const [toEnd, today] = [s.p(r.toEnd), s.p(r.today)];
    const overdue = `count(*) FILTER (WHERE ai.due_date < ${today}::date)`;
    const dims = 'GROUPING(p.team_id, ai.owner_id, ai.priority, tc.kind)';
    const sql = `SELECT * FROM (
        SELECT ${dims} AS dims, p.team_id::text AS team_id, t.name AS team_name, ai.owner_id::text AS owner_id,
               p.name AS owner_name, ai.priority, tc.kind, count(*) AS open, ${overdue} AS overdue,
               row_number() OVER (PARTITION BY ${dims} ORDER BY ${overdue} DESC, count(*) DESC) AS rank
        FROM ${src.from} LEFT JOIN team t ON t.id = p.team_id
        WHERE ${and(OPEN_SQL, `ai.created_at < ${toEnd}`, ...src.where)}
        GROUP BY GROUPING SETS ((p.team_id, t.name), (ai.owner_id, p.name), (ai.priority), (tc.kind))
      ) g WHERE g.owner_id IS NULL OR g.rank <= ${TOP_OWNERS}`;
    const rows = await this.ds.query<
      Array<{
        dims: number;
        team_id: string | null;
        team_name: string | null;
        owner_id: string | null;
        owner_name: string | null;
        priority: string | null;
        kind: string | null;
        open: Num;
        overdue: Num;
      }>
    >(sql, s.values);
    // GROUPING() has one bit per argument, the first argument highest: 0b0111 is the team set.
    const of = (
      mask: number,
      key: (row: (typeof rows)[number]) => string | null,
      label: (k: string | null) => string,
    ) =>
      rows
        .filter((row) => Number(row.dims) === mask)
        .map((row): BreakdownRowDto => {
          const k = key(row);
          return { key: k, label: label(k), open: int(row.open), overdue: int(row.overdue) };
        })
        .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.label.localeCompare(b.label));
    const teamNames = new Map(rows.map((row) => [row.team_id, row.team_name]));
    const ownerNames = new Map(rows.map((row) => [row.owner_id, row.owner_name]));
    return {
      team: of(
        0b0111,
        (x) => x.team_id,
        (k) => (k ? (teamNames.get(k) ?? k) : 'No team'),
      ),
      owner: of(
        0b1011,
        (x) => x.owner_id,
        (k) => ownerNames.get(k) ?? k ?? '',
      ),
      priority: of(
        0b1101,
        (x) => x.priority,
        (k) => k ?? '',
      ).sort((a, b) => PRIORITIES.indexOf(a.key as never) - PRIORITIES.indexOf(b.key as never)),
      tracker: of(
        0b1110,
        (x) => x.kind,
        (k) => (k ? trackerKind(k as TrackerKind).name : 'No ticket'),
      ),
    };
  }
}
