import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not, type SelectQueryBuilder } from 'typeorm';
import { todayUtc } from '../common/dates.js';
import { type ChangeSource, EventsService } from '../events/index.js';
import type { ActionItemQuery } from './action-item.dto.js';
import { ActionItem } from './action-item.entity.js';
import { isClosed, OPEN_STATUSES } from './item-status.js';
import type { TicketLink } from './ticket-link.embedded.js';

/** What other features react to when it changes; capture it before changing an item. */
export type ItemFacts = Pick<ActionItem, 'status' | 'ownerId' | 'dueDate'>;
export const factsOf = (i: ActionItem): ItemFacts => ({ status: i.status, ownerId: i.ownerId, dueDate: i.dueDate });

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
}
