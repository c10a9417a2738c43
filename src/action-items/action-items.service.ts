import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { invalid, notFound } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/person.entity.js';
import { QualityService } from '../quality/quality.service.js';
import type { ActionItemQuery, UpdateActionItemDto } from './action-item.dto.js';
import { type ActionItemView, actionItemView } from './action-item.view.js';
import { ActionItemsRepository, factsOf } from './action-items.repository.js';
import { applyStatus } from './item-status.js';

@Injectable()
export class ActionItemsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly quality: QualityService,
    private readonly items: ActionItemsRepository,
  ) {}

  async get(id: string): Promise<ActionItemView> {
    const item = await this.items.findById(id);
    if (!item) throw notFound('Action item', id);
    return actionItemView(item);
  }

  async list(q: ActionItemQuery): Promise<Page<ActionItemView>> {
    const page = await paginate(this.items.list(q), q);
    return { items: page.items.map(actionItemView), nextCursor: page.nextCursor };
  }

  /**
   * Edits re-run the quality checks and store their findings; they do not block the edit.
   * Changes are emitted as events in the same transaction (a close queues closing the ticket).
   */
  async update(id: string, dto: UpdateActionItemDto, actor: Actor): Promise<ActionItemView> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, id);
      if (!item) throw notFound('Action item', id);
      await assertReference(m, Person, dto.ownerId, 'ownerId', 'person');
      const before = actionItemView(item);
      const facts = factsOf(item);
      const { status, wontDoReason, ...fields } = dto;
      Object.assign(item, fields);
      if (status !== undefined) applyStatus(item, status, wontDoReason ?? null);
      else if (wontDoReason !== undefined) {
        if (item.status !== 'wont_do') throw invalid('wontDoReason', 'applies only with status wont_do');
        item.wontDoReason = wontDoReason;
      }
      item.qualityFindings = (await this.quality.check(this.quality.draftOf(item), m)).findings;
      const saved = await this.items.saveChanges(m, item, facts, 'api');
      await this.audit.recordDiff(actor, 'action_item.update', 'action_item', id, before, actionItemView(saved), m);
      return actionItemView(saved);
    });
  }
}
