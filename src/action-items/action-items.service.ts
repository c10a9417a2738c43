import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { todayUtc } from '../common/dates.js';
import { invalid, notFound } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/person.entity.js';
import { QualityService } from '../quality/quality.service.js';
import { TicketRequestsService } from '../trackers/ticket-requests.service.js';
import type { ActionItemQuery, UpdateActionItemDto } from './action-item.dto.js';
import { ActionItem, type ItemStatus } from './action-item.entity.js';
import { type ActionItemView, actionItemView } from './action-item.view.js';

const OPEN: ItemStatus[] = ['open', 'in_progress'];
/** Done and won't do are closed; open and in progress are not. */
export const isClosed = (s: ItemStatus) => !OPEN.includes(s);

/** Sets status, reason and closedAt together so they never disagree. */
export function applyStatus(item: ActionItem, status: ItemStatus, wontDoReason: string | null, now = new Date()): void {
  if (status === 'wont_do' && !wontDoReason) throw invalid('wontDoReason', 'is required when status is wont_do');
  if (status !== 'wont_do' && wontDoReason) throw invalid('wontDoReason', 'applies only with status wont_do');
  if (isClosed(status) && !isClosed(item.status)) item.closedAt = now;
  if (!isClosed(status)) item.closedAt = null;
  item.status = status;
  item.wontDoReason = status === 'wont_do' ? wontDoReason : null;
}

@Injectable()
export class ActionItemsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly quality: QualityService,
    private readonly tickets: TicketRequestsService,
  ) {}

  async get(id: string): Promise<ActionItemView> {
    const item = await this.ds.getRepository(ActionItem).findOneBy({ id });
    if (!item) throw notFound('Action item', id);
    return actionItemView(item);
  }

  async list(q: ActionItemQuery): Promise<Page<ActionItemView>> {
    const qb = this.ds.getRepository(ActionItem).createQueryBuilder('ai');
    for (const f of ['status', 'ownerId', 'postmortemId', 'priority'] as const)
      if (q[f]) qb.andWhere(`ai.${f} = :${f}`, { [f]: q[f] });
    if (q.teamId)
      qb.andWhere('ai.ownerId IN (SELECT p.id FROM person p WHERE p.team_id = :teamId)', { teamId: q.teamId });
    if (q.overdue) {
      const cond = 'ai.status IN (:...open) AND ai.dueDate < :today';
      qb.andWhere(q.overdue === 'true' ? cond : `NOT (${cond})`, { open: OPEN, today: todayUtc() });
    }
    const page = await paginate(qb, q);
    return { items: page.items.map(actionItemView), nextCursor: page.nextCursor };
  }

  /**
   * Edits re-run the quality checks and store their findings; they do not block the edit.
   * Closing an item with a linked ticket queues closing the ticket too (same transaction).
   */
  async update(id: string, dto: UpdateActionItemDto, actor: Actor): Promise<ActionItemView> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(ActionItem);
      const item = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw notFound('Action item', id);
      await assertReference(m, Person, dto.ownerId, 'ownerId', 'person');
      const before = actionItemView(item);
      const { status, wontDoReason, ...fields } = dto;
      Object.assign(item, fields);
      if (status !== undefined) applyStatus(item, status, wontDoReason ?? null);
      else if (wontDoReason !== undefined) {
        if (item.status !== 'wont_do') throw invalid('wontDoReason', 'applies only with status wont_do');
        item.wontDoReason = wontDoReason;
      }
      item.qualityFindings = (await this.quality.check(this.quality.draftOf(item), m)).findings;
      const saved = await repo.save(item);
      await this.audit.recordDiff(actor, 'action_item.update', 'action_item', id, before, actionItemView(saved), m);
      // Only a close made here: closes that came from the tracker (sync, webhooks) never pass through update.
      if (saved.status !== before.status && isClosed(saved.status) && saved.ticket.state === 'linked')
        await this.tickets.requestClose(id, m);
      return actionItemView(saved);
    });
  }
}
