import { Injectable } from '@nestjs/common';
import { ActionItemsRepository, PRIORITIES } from '../action-items/index.js';
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

/**
 * The overview's figures, each computed by PostgreSQL: the aggregate reads of the items'
 * repository (which owns the action_item table), assembled here. Answers are reused while the
 * data is unchanged (see summary-cache.ts): at 20 concurrent viewers the aggregates would
 * otherwise take seconds.
 */
@Injectable()
export class DashboardService {
  private readonly cache = new SummaryCache<DashboardSummaryDto>();
  /**
   * Counts catch what no updated_at shows (rows inserted with past instants, deletions) but
   * cost a scan of the items' index: read at most once a second, shared by the requests between.
   */
  private readonly slowVersion = new Memo(() => this.items.summaryVersionCounts(), VERSION_MEMO_MS);

  constructor(private readonly items: ActionItemsRepository) {}

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
    const [fast, slow] = await Promise.all([this.items.summaryVersion(), this.slowVersion.get()]);
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
    const [v, opened] = await Promise.all([
      this.items.summaryHeadline(q, r, AGE_BUCKETS),
      this.items.summaryOpened(q, r),
    ]);
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
        opened: int(opened),
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
    const rows = await this.items.summaryWeekly(q, r);
    return rows.map((w) => ({
      weekStart: w.week_start,
      opened: int(w.opened),
      closed: int(w.closed),
      cumulativeOpen: int(w.cumulative_open),
    }));
  }

  /** Open and overdue items by team, owner (the top few), priority and tracker, in one grouped query. */
  private async breakdowns(q: DashboardQuery, r: SummaryRange): Promise<BreakdownsDto> {
    const rows = await this.items.summaryBreakdowns(q, r, TOP_OWNERS);
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
