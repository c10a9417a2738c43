import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { type Actor, ROLE_RANK } from '../common/roles.js';
import { DomainError, invalid, notFound } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/index.js';
import { type ActionItemDraft, type Finding, QualityService } from '../quality/index.js';
import type { ActionItemQuery, UpdateActionItemDto } from './action-item.dto.js';
import { type ActionItemView, actionItemView } from './action-item.view.js';
import { ActionItemsRepository, factsOf } from './action-items.repository.js';
import { draftOf } from './item-draft.js';
import { itemOrder } from './item-order.js';
import { applyStatus } from './item-status.js';

/** The field a rule's finding is about, for the 422's details (as on accept). */
const RULE_FIELD: Record<string, string> = {
  specific: 'title',
  measurable: 'successCriteria',
  owned: 'ownerId',
  'time-bound': 'dueDate',
  blameless: 'title',
};

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
    const page = await paginate(this.items.list(q), q, itemOrder(q.sort));
    return { items: page.items.map(actionItemView), nextCursor: page.nextCursor };
  }

  /**
   * Edits re-run the quality checks and store their findings. An edit that introduces an
   * error finding (one the item without the edit does not have) is held to the gate, as on
   * accept: a 422, unless an approver sends override.reason. Findings the item already had
   * (a due date that has since passed) never block an unrelated edit.
   * Changes are emitted as events in the same transaction (a close queues closing the ticket).
   */
  async update(id: string, dto: UpdateActionItemDto, actor: Actor): Promise<ActionItemView> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, id);
      if (!item) throw notFound('Action item', id);
      await assertReference(m, Person, dto.ownerId, 'ownerId', 'person');
      const before = actionItemView(item);
      const facts = factsOf(item);
      const unedited = draftOf(item);
      const { status, wontDoReason, override, ...fields } = dto;
      Object.assign(item, fields);
      if (status !== undefined) applyStatus(item, status, wontDoReason ?? null);
      else if (wontDoReason !== undefined) {
        if (item.status !== 'wont_do') throw invalid('wontDoReason', 'applies only with status wont_do');
        item.wontDoReason = wontDoReason;
      }
      item.qualityFindings = (await this.quality.check(draftOf(item), m)).findings;
      const introduced = Object.keys(fields).length
        ? await this.introducedErrors(unedited, item.qualityFindings, m)
        : [];
      if (introduced.length) {
        if (!override)
          throw new DomainError(
            'UNPROCESSABLE',
            'The edit does not pass the quality gate: fix the findings, or an approver may send override.reason',
            introduced.map((f) => ({ field: RULE_FIELD[f.rule] ?? 'title', problem: f.message })),
            { findings: item.qualityFindings },
          );
        if (ROLE_RANK[actor.role] < ROLE_RANK.approver)
          throw new DomainError('FORBIDDEN', 'Only approvers may override the quality gate', [
            { field: 'override', problem: 'needs the approver role' },
          ]);
        item.qualityOverrideReason = override.reason;
        await this.audit.record(
          actor,
          'quality.override',
          'action_item',
          id,
          { reason: override.reason, findings: introduced },
          m,
        );
      }
      const saved = await this.items.saveChanges(m, item, facts, 'api');
      await this.audit.recordDiff(actor, 'action_item.update', 'action_item', id, before, actionItemView(saved), m);
      return actionItemView(saved);
    });
  }

  /** Error findings of the edited item whose rule found no error in the item as it was. */
  private async introducedErrors(unedited: ActionItemDraft, after: Finding[], m: EntityManager): Promise<Finding[]> {
    const had = new Set(
      (await this.quality.check(unedited, m)).findings.filter((f) => f.severity === 'error').map((f) => f.rule),
    );
    return after.filter((f) => f.severity === 'error' && !had.has(f.rule));
  }
}
