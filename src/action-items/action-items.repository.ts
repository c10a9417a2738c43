import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not, type SelectQueryBuilder } from 'typeorm';
import { todayUtc } from '../common/dates.js';
import { type ChangeSource, EventsService } from '../events/index.js';
import type { ActionItemQuery } from './action-item.dto.js';
import { ActionItem } from './action-item.entity.js';
import { isClosed, OPEN_STATUSES } from './item-status.js';
import {
  and,
  countsAndLast,
  itemSource,
  OPEN_SQL,
  SqlParams,
  type SqlNumber,
  type SummaryFilter,
} from './summary-sql.js';
import type { TicketLink } from './ticket-link.embedded.js';

/** What other features react to when it changes; capture it before changing an item. */
export type ItemFacts = Pick<ActionItem, 'status' | 'ownerId' | 'dueDate'>;
export const factsOf = (i: ActionItem): ItemFacts => ({ status: i.status, ownerId: i.ownerId, dueDate: i.dueDate });

/** A row of a raw read, column names as in the database. */
export type SqlRow = Record<string, unknown>;

const ITEM_WITH_PEOPLE = `
  SELECT ai.id, ai.title, ai.description, ai.success_criteria, ai.due_date::text AS due_date, ai.priority, ai.status,
         ai.ticket_key, ai.ticket_url, ai.postmortem_id, pm.title AS pm_title, ai.owner_id,
         o.name AS owner_name, o.email AS owner_email, o.timezone AS owner_tz, o.active AS owner_active,
         o.email_nudges AS owner_nudges,
         mgr.id AS mgr_id, mgr.name AS mgr_name, mgr.email AS mgr_email,
         lead.id AS lead_id, lead.name AS lead_name, lead.email AS lead_email,
         fac.id AS fac_id, fac.name AS fac_name, fac.email AS fac_email
    FROM action_item ai
    JOIN person o ON o.id = ai.owner_id
    JOIN postmortem pm ON pm.id = ai.postmortem_id
    LEFT JOIN person mgr ON mgr.id = o.manager_id AND mgr.active
    LEFT JOIN team t ON t.id = o.team_id
    LEFT JOIN person lead ON lead.id = t.lead_id AND lead.active
    LEFT JOIN person fac ON fac.id = pm.facilitator_id AND fac.active`;

const DIGEST_ITEM = `
  SELECT ai.id, ai.title, ai.due_date::text AS due_date, ai.status, ai.closed_at, ai.created_at, ai.acknowledged_at,
         ai.owner_id, ai.postmortem_id, pm.title AS pm_title, pm.facilitator_id, ai.ticket_key, ai.ticket_url
    FROM action_item ai JOIN postmortem pm ON pm.id = ai.postmortem_id`;

/** Ticket failures that heal by themselves once the tracker answers again. */
const TEMPORARY_FAILURES = ['TEMPORARY', 'RATE_LIMITED'];

/**
 * The one owner of the action_item table: every read and write of an `ActionItem` goes through
 * here (other features call it, or the action-items service). Methods that take an
 * `EntityManager` run in the caller's transaction; the others use the pool.
 */
@Injectable()
export class ActionItemsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventsService,
  ) {}

  private repo(m?: EntityManager) {
    return (m ?? this.ds.manager).getRepository(ActionItem);
  }

  findById(id: string, m?: EntityManager): Promise<ActionItem | null> {
    return this.repo(m).findOneBy({ id });
  }

  /** The item with its owner and its postmortem loaded (what a ticket says about it), or null. */
  findWithOwnerAndPostmortem(id: string): Promise<ActionItem | null> {
    return this.repo().findOne({ where: { id }, relations: { owner: true, postmortem: true } });
  }

  /** A postmortem's items, oldest first. */
  listByPostmortem(postmortemId: string, m?: EntityManager): Promise<ActionItem[]> {
    return this.repo(m).find({ where: { postmortemId }, order: { createdAt: 'ASC' } });
  }

  /** The open items of every other postmortem (the quality gate looks for duplicates among them). */
  listOpenOutside(postmortemId: string, m?: EntityManager): Promise<ActionItem[]> {
    return this.repo(m).find({ where: { postmortemId: Not(postmortemId), status: In([...OPEN_STATUSES]) } });
  }

  /** Loads the item under a row lock held until the caller's transaction ends. */
  lock(m: EntityManager, id: string): Promise<ActionItem | null> {
    return this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Creates the item and emits `action-item.created` in the same transaction. */
  async insert(m: EntityManager, fields: Partial<ActionItem>): Promise<ActionItem> {
    const repo = this.repo(m);
    const item = await repo.save(repo.create(fields));
    const { id: itemId, postmortemId, ownerId, dueDate } = item;
    await this.events.emit('action-item.created', { itemId, postmortemId, ownerId, dueDate }, m);
    return item;
  }

  /** Saves fields that no other feature reacts to (the ticket's state, findings). */
  save(m: EntityManager, item: ActionItem): Promise<ActionItem> {
    return this.repo(m).save(item);
  }

  /**
   * Saves the item and emits what changed since `before` (owner, due date, closed, reopened),
   * in the caller's transaction, so subscribers queue their jobs atomically with the change.
   */
  async saveChanges(m: EntityManager, item: ActionItem, before: ItemFacts, source: ChangeSource): Promise<ActionItem> {
    const saved = await this.repo(m).save(item);
    const itemId = saved.id;
    if (saved.ownerId !== before.ownerId)
      await this.events.emit(
        'action-item.owner-changed',
        { itemId, from: before.ownerId, to: saved.ownerId, source },
        m,
      );
    if (saved.dueDate !== before.dueDate)
      await this.events.emit(
        'action-item.due-date-changed',
        { itemId, from: before.dueDate, to: saved.dueDate, source },
        m,
      );
    if (saved.status !== before.status && (saved.status === 'done' || saved.status === 'wont_do'))
      await this.events.emit(
        'action-item.closed',
        {
          itemId,
          status: saved.status,
          closedAt: saved.closedAt ?? new Date(),
          source,
          ticketLinked: saved.ticket.state === 'linked',
        },
        m,
      );
    if (isClosed(before.status) && !isClosed(saved.status))
      await this.events.emit('action-item.reopened', { itemId, source }, m);
    return saved;
  }

  /** Writes only the given ticket fields, without loading or locking the item. */
  async updateTicket(id: string, ticket: Partial<TicketLink>, m?: EntityManager): Promise<void> {
    await this.repo(m).update({ id }, { ticket });
  }

  list(q: ActionItemQuery): SelectQueryBuilder<ActionItem> {
    const qb = this.repo().createQueryBuilder('ai');
    for (const f of ['status', 'ownerId', 'postmortemId', 'priority'] as const)
      if (q[f]) qb.andWhere(`ai.${f} = :${f}`, { [f]: q[f] });
    // The team's members as an array: the planner then reads each member's items through the
    // owner indexes (ix_action_item_open_owner_due for open and overdue ones) instead of hash
    // joining every open item against the team.
    if (q.teamId)
      qb.andWhere('ai.ownerId = ANY(ARRAY(SELECT p.id FROM person p WHERE p.team_id = :teamId))', {
        teamId: q.teamId,
      });
    if (q.overdue) {
      const cond = 'ai.status IN (:...open) AND ai.dueDate < :today';
      qb.andWhere(q.overdue === 'true' ? cond : `NOT (${cond})`, { open: OPEN_STATUSES, today: todayUtc() });
    }
    return qb;
  }

  countWithTicketOn(connectionId: string, m?: EntityManager): Promise<number> {
    return this.repo(m).count({ where: { ticket: { connectionId } } });
  }

  /** Another item holding this ticket (the unique index ix_action_item_ticket backs this up). */
  findTicketHolder(m: EntityManager, connectionId: string, key: string, exceptId: string): Promise<ActionItem | null> {
    return this.repo(m).findOne({ where: { id: Not(exceptId), ticket: { connectionId, key } } });
  }

  /** The item whose ticket this is (linked, or flagged missing and perhaps back). */
  async findIdByTicket(connectionId: string, key: string, ignoreCase: boolean): Promise<string | null> {
    const qb = this.repo()
      .createQueryBuilder('ai')
      .select('ai.id')
      .where('ai.ticket_connection_id = :connectionId', { connectionId })
      .andWhere("ai.ticket_state IN ('linked', 'missing')");
    if (ignoreCase) qb.andWhere('lower(ai.ticket_key) = lower(:key)', { key });
    else qb.andWhere('ai.ticket_key = :key', { key });
    return (await qb.getOne())?.id ?? null;
  }

  /** Every (connection, project) with a linked ticket on an enabled connection: what a sync visits. */
  linkedTicketTargets(): Promise<Array<{ connectionId: string; project: string }>> {
    return this.ds.query(
      `SELECT DISTINCT ai.ticket_connection_id AS "connectionId", ai.ticket_target AS project
         FROM action_item ai JOIN tracker_connection c ON c.id = ai.ticket_connection_id AND c.enabled
        WHERE ai.ticket_state = 'linked' AND ai.ticket_key IS NOT NULL
        ORDER BY 1, 2`,
    );
  }

  /** Linked items of one project, by ticket key. */
  async linkedInProject(connectionId: string, project: string): Promise<Map<string, ActionItem>> {
    const rows = await this.repo()
      .createQueryBuilder('ai')
      .where('ai.ticket_connection_id = :connectionId', { connectionId })
      .andWhere('ai.ticket_target = :project', { project })
      .andWhere("ai.ticket_state = 'linked' AND ai.ticket_key IS NOT NULL")
      .getMany();
    return new Map(rows.map((i) => [i.ticket.key!, i]));
  }

  async markProjectSynced(connectionId: string, project: string, at: Date): Promise<void> {
    await this.ds.query(
      `UPDATE action_item SET ticket_last_synced_at = $3 WHERE ticket_connection_id = $1 AND ticket_target = $2 AND ticket_state = 'linked'`,
      [connectionId, project, at],
    );
  }

  /** Enabled connections with tickets whose creation failed only because the tracker was unreachable. */
  async connectionsWithTemporaryFailures(): Promise<string[]> {
    const rows = await this.ds.query<Array<{ id: string }>>(
      `SELECT DISTINCT ai.ticket_connection_id AS id FROM action_item ai JOIN tracker_connection c ON c.id = ai.ticket_connection_id AND c.enabled
        WHERE ai.ticket_state = 'failed' AND ai.ticket_failure_code = ANY($1)`,
      [TEMPORARY_FAILURES],
    );
    return rows.map((r) => r.id);
  }

  /** Locks (skipping rows another transaction holds) the temporarily failed tickets of a connection. */
  lockTemporaryFailures(m: EntityManager, connectionId: string): Promise<ActionItem[]> {
    return this.repo(m)
      .createQueryBuilder('ai')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('ai.ticket_connection_id = :connectionId', { connectionId })
      .andWhere("ai.ticket_state = 'failed' AND ai.ticket_failure_code IN (:...codes)", { codes: TEMPORARY_FAILURES })
      .getMany();
  }

  // The dashboard's summary: aggregates that PostgreSQL computes over the items with their owner
  // (for teams and names), their postmortem (for severity) and their ticket's connection (for its
  // kind). They read only open items, items closed since the previous range began and items
  // opened in the range (all indexed), and return aggregates, never item rows.

  /**
   * The version of everything the summary reads, in two halves. `summaryVersion` is the last
   * item update (an index lookup, cheap enough for every request: every write through this
   * repository moves it) with the count and last update of teams and tracker connections (small
   * tables). `summaryVersionCounts` catches what no updated_at shows (rows inserted with past
   * instants, deletions, people moving teams) but costs a scan of the items' index.
   */
  summaryVersion(): Promise<unknown[]> {
    return this.ds.query<unknown[]>(
      `SELECT (SELECT max(updated_at) FROM action_item) AS items, ${countsAndLast('team')} AS teams,
                ${countsAndLast('tracker_connection')} AS trackers`,
    );
  }

  summaryVersionCounts(): Promise<unknown[]> {
    return this.ds.query<unknown[]>(
      `SELECT (SELECT count(*) FROM action_item) AS items, ${countsAndLast('person')} AS people,
                ${countsAndLast('postmortem')} AS postmortems`,
    );
  }

  /**
   * Open, overdue, acknowledged, done and won't-do counts, on-time closings in the range and in
   * the range before, time to close (median and 90th percentile, in seconds) and the overdue
   * items by age (`b0`, `b1`, … for each of `ageBuckets`, in days past due).
   */
  async summaryHeadline(
    q: SummaryFilter,
    r: { toEnd: string; today: string; fromStart: string; prevStart: string },
    ageBuckets: ReadonlyArray<{ minDays: number; maxDays: number | null }>,
  ): Promise<Record<string, SqlNumber>> {
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
    const buckets = ageBuckets.map(
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
    const [row] = await this.ds.query<Array<Record<string, SqlNumber>>>(sql, s.values);
    return row;
  }

  /** Items opened in [fromStart, toEnd). */
  async summaryOpened(q: SummaryFilter, r: { fromStart: string; toEnd: string }): Promise<SqlNumber> {
    const opened = new SqlParams();
    const openedSrc = itemSource(q, opened);
    const openedSql = `SELECT count(*) AS n FROM ${openedSrc.from} WHERE ${and(
      `ai.created_at >= ${opened.p(r.fromStart)} AND ai.created_at < ${opened.p(r.toEnd)}`,
      ...openedSrc.where,
    )}`;
    const [openedRow] = await this.ds.query<Array<{ n: SqlNumber }>>(openedSql, opened.values);
    return openedRow.n;
  }

  /**
   * Whole weeks from `firstWeek` (a Monday) to `lastWeek`, `weekEnd` the Monday after: opened
   * and closed per week, and what was open at each week's end.
   */
  summaryWeekly(
    q: SummaryFilter,
    r: { firstWeek: string; lastWeek: string; weekEnd: string },
  ): Promise<Array<{ week_start: string; opened: SqlNumber; closed: SqlNumber; cumulative_open: SqlNumber }>> {
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
    return this.ds.query<
      Array<{ week_start: string; opened: SqlNumber; closed: SqlNumber; cumulative_open: SqlNumber }>
    >(sql, s.values);
  }

  /**
   * Open and overdue items by team, owner (the `topOwners` with most overdue, then most open),
   * priority and tracker kind, in one grouped query. `dims` is GROUPING(team, owner, priority,
   * kind), one bit per argument, the first highest: 0b0111 marks a team row, 0b1011 an owner
   * row, 0b1101 a priority row, 0b1110 a tracker row.
   */
  summaryBreakdowns(q: SummaryFilter, r: { toEnd: string; today: string }, topOwners: number) {
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
      ) g WHERE g.owner_id IS NULL OR g.rank <= ${topOwners}`;
    return this.ds.query<
      Array<{
        dims: number;
        team_id: string | null;
        team_name: string | null;
        owner_id: string | null;
        owner_name: string | null;
        priority: string | null;
        kind: string | null;
        open: SqlNumber;
        overdue: SqlNumber;
      }>
    >(sql, s.values);
  }
  // The reminders' reads (notifications): items with the people a message goes to. Rows in
  // snake_case, mapped by the caller; the joins name people, teams and postmortems read-only.

  /** Open, not snoozed items due by `maxDue` whose owner is active and takes nudges, in due order. */
  nudgeCandidateRows(maxDue: string, now: Date): Promise<SqlRow[]> {
    return this.ds.query<SqlRow[]>(
      `${ITEM_WITH_PEOPLE}
        WHERE ai.status IN ('open', 'in_progress') AND ai.due_date <= $1::date
          AND (ai.snoozed_until IS NULL OR ai.snoozed_until <= $2) AND o.active AND o.email_nudges
        ORDER BY ai.due_date, ai.id`,
      [maxDue, now],
    );
  }

  /** One item with the people its assignment notice names, or null. */
  async assignmentRow(itemId: string): Promise<SqlRow | null> {
    const rows = await this.ds.query<SqlRow[]>(`${ITEM_WITH_PEOPLE} WHERE ai.id = $1`, [itemId]);
    return rows[0] ?? null;
  }

  /**
   * The items behind one page of digests: open items of `ownerIds` due by `listedUntil` and
   * those closed in [closedSince, now); open items per owner, counted whatever their due date;
   * open, unacknowledged items created since `createdSince` on postmortems `facilitatorIds` run.
   */
  async digestRows(
    ownerIds: string[],
    facilitatorIds: string[],
    closedSince: Date,
    now: Date,
    createdSince: Date,
    listedUntil: string,
  ): Promise<{ owned: SqlRow[]; openCounts: Array<{ owner_id: string; n: number }>; facilitated: SqlRow[] }> {
    const [owned, openCounts, facilitated] = await Promise.all([
      ownerIds.length
        ? this.ds.query<SqlRow[]>(
            `${DIGEST_ITEM}
              WHERE ai.owner_id = ANY($1)
                AND ((ai.status IN ('open', 'in_progress') AND ai.due_date <= $4::date)
                     OR (ai.closed_at >= $2 AND ai.closed_at < $3))
              ORDER BY ai.due_date, ai.id`,
            [ownerIds, closedSince, now, listedUntil],
          )
        : [],
      ownerIds.length
        ? this.ds.query<Array<{ owner_id: string; n: number }>>(
            `SELECT owner_id, count(*)::int AS n FROM action_item
              WHERE owner_id = ANY($1) AND status IN ('open', 'in_progress') GROUP BY owner_id`,
            [ownerIds],
          )
        : [],
      facilitatorIds.length
        ? this.ds.query<SqlRow[]>(
            `${DIGEST_ITEM}
              WHERE pm.facilitator_id = ANY($1) AND ai.status IN ('open', 'in_progress')
                AND ai.acknowledged_at IS NULL AND ai.created_at >= $2
              ORDER BY ai.due_date, ai.id`,
            [facilitatorIds, createdSince],
          )
        : [],
    ]);
    return { owned, openCounts, facilitated };
  }
}
