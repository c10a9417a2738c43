import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ActionItemsRepository, type ActionItemView, actionItemView } from '../action-items/index.js';
import { AuditService } from '../audit/index.js';
import type { Actor } from '../common/roles.js';
import { conflict, DomainError, notFound } from '../common/domain-errors.js';
import { EventsService } from '../events/index.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/index.js';
import { Postmortem } from '../postmortems/index.js';
import { QualityService } from '../quality/index.js';
import { Team } from '../teams/index.js';
import { type TicketTarget, TicketRequestsService } from '../trackers/index.js';
import type {
  AcceptRecommendationDto,
  CreateRecommendationDto,
  DeclineRecommendationDto,
  RecommendationQuery,
} from './recommendation.dto.js';
import { Recommendation } from './recommendation.entity.js';

export const recommendationView = (r: Recommendation) => ({
  id: r.id,
  postmortemId: r.postmortemId,
  text: r.text,
  proposedById: r.proposedById,
  status: r.status,
  declineReason: r.declineReason,
  actionItemId: r.actionItemId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
export type RecommendationView = ReturnType<typeof recommendationView>;

/** Which request field each rule judges, for the 422's `details`. */
const RULE_FIELD: Record<string, string> = {
  specific: 'title',
  measurable: 'successCriteria',
  owned: 'ownerId',
  'time-bound': 'dueDate',
  blameless: 'title',
};

@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly quality: QualityService,
    private readonly tickets: TicketRequestsService,
    private readonly items: ActionItemsRepository,
    private readonly events: EventsService,
  ) {}

  async create(postmortemId: string, dto: CreateRecommendationDto, actor: Actor): Promise<RecommendationView> {
    return this.ds.transaction(async (m) => {
      if (!(await m.getRepository(Postmortem).exists({ where: { id: postmortemId } })))
        throw notFound('Postmortem', postmortemId);
      await assertReference(m, Person, dto.proposedById, 'proposedById', 'person');
      const repo = m.getRepository(Recommendation);
      const rec = await repo.save(
        repo.create({ postmortemId, text: dto.text, proposedById: dto.proposedById ?? null }),
      );
      await this.audit.record(actor, 'recommendation.create', 'recommendation', rec.id, { text: rec.text }, m);
      await this.events.emit('recommendation.proposed', { recommendationId: rec.id, postmortemId, text: rec.text }, m);
      return recommendationView(rec);
    });
  }

  async list(postmortemId: string, q: RecommendationQuery): Promise<Page<RecommendationView>> {
    if (!(await this.ds.getRepository(Postmortem).exists({ where: { id: postmortemId } })))
      throw notFound('Postmortem', postmortemId);
    const qb = this.ds
      .getRepository(Recommendation)
      .createQueryBuilder('r')
      .where('r.postmortemId = :postmortemId', { postmortemId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    const page = await paginate(qb, q);
    return { items: page.items.map(recommendationView), nextCursor: page.nextCursor };
  }

  /**
   * Turns a recommendation into an action item if it passes the quality gate (or an
   * approver overrides it). All or nothing: item, recommendation, audit and the ticket
   * request commit together.
   */
  async accept(id: string, dto: AcceptRecommendationDto, actor: Actor): Promise<ActionItemView> {
    return this.ds.transaction(async (m) => {
      const rec = await this.lockProposed(m, id, 'accept');
      await assertReference(m, Person, dto.ownerId, 'ownerId', 'person');
      const target = await this.ticketTarget(m, dto, rec.postmortemId);
      const { passed, findings } = await this.quality.check(
        { ...dto, tracker: target ? { connectionId: target.connectionId } : null },
        m,
      );
      if (!passed && !dto.override) {
        const details = findings
          .filter((f) => f.severity === 'error')
          .map((f) => ({ field: RULE_FIELD[f.rule] ?? 'title', problem: f.message }));
        throw new DomainError(
          'UNPROCESSABLE',
          'The action item does not pass the quality gate: fix the findings, or an approver may send override.reason',
          details,
          { findings },
        );
      }
      const item = await this.items.insert(m, {
        postmortemId: rec.postmortemId,
        recommendationId: rec.id,
        title: dto.title,
        description: dto.description ?? null,
        successCriteria: dto.successCriteria,
        ownerId: dto.ownerId,
        dueDate: dto.dueDate,
        priority: dto.priority,
        horizon: dto.horizon,
        type: dto.type ?? null,
        status: 'open',
        qualityFindings: findings,
        qualityOverrideReason: !passed && dto.override ? dto.override.reason : null,
      });
      rec.status = 'accepted';
      rec.actionItemId = item.id;
      await m.getRepository(Recommendation).save(rec);
      await this.audit.record(actor, 'recommendation.accept', 'recommendation', rec.id, { actionItemId: item.id }, m);
      await this.audit.record(
        actor,
        'action_item.create',
        'action_item',
        item.id,
        {
          title: item.title,
          ownerId: item.ownerId,
          dueDate: item.dueDate,
          priority: item.priority,
          findings: findings.map((f) => `${f.rule}:${f.severity}`),
        },
        m,
      );
      if (!passed && dto.override)
        await this.audit.record(
          actor,
          'quality.override',
          'action_item',
          item.id,
          { reason: dto.override.reason, findings },
          m,
        );
      if (target) await this.tickets.requestCreation(item, target, m);
      return actionItemView(item);
    });
  }

  async decline(id: string, dto: DeclineRecommendationDto, actor: Actor): Promise<RecommendationView> {
    return this.ds.transaction(async (m) => {
      const rec = await this.lockProposed(m, id, 'decline');
      rec.status = 'declined';
      rec.declineReason = dto.reason;
      const saved = await m.getRepository(Recommendation).save(rec);
      await this.audit.record(actor, 'recommendation.decline', 'recommendation', id, { reason: dto.reason }, m);
      return recommendationView(saved);
    });
  }

  /**
   * Where the ticket goes: the request's `tracker`, else the postmortem's default, else the
   * owner's team's default. `tracker: null` asks for no ticket at all.
   */
  private async ticketTarget(
    m: EntityManager,
    dto: AcceptRecommendationDto,
    postmortemId: string,
  ): Promise<TicketTarget | null> {
    if (dto.tracker === null) return null;
    if (dto.tracker) return this.tickets.resolveTarget(dto.tracker, m);
    const pm = await m.getRepository(Postmortem).findOneByOrFail({ id: postmortemId });
    if (pm.defaultTracker) return this.tickets.resolveTarget(pm.defaultTracker, m, 'postmortem.defaultTracker');
    const owner = await m.getRepository(Person).findOneByOrFail({ id: dto.ownerId });
    const team = owner.teamId ? await m.getRepository(Team).findOneBy({ id: owner.teamId }) : null;
    return team?.defaultTracker ? this.tickets.resolveTarget(team.defaultTracker, m, 'team.defaultTracker') : null;
  }

  /** Row lock first, so two approvers accepting at once get one item and one 409. */
  private async lockProposed(m: EntityManager, id: string, verb: string): Promise<Recommendation> {
    const rec = await m.getRepository(Recommendation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!rec) throw notFound('Recommendation', id);
    if (rec.status !== 'proposed')
      throw conflict(`Cannot ${verb}: the recommendation is already ${rec.status}`, [
        { field: 'status', problem: `is ${rec.status}` },
      ]);
    return rec;
  }
}
