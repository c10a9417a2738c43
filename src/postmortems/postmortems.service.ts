import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import type { Actor } from '../common/roles.js';
import { assertNoNulls, invalid, notFound } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/index.js';
import { Team } from '../teams/index.js';
import { TicketRequestsService } from '../trackers/index.js';
import type { CreatePostmortemDto, PostmortemQuery, UpdatePostmortemDto } from './postmortem.dto.js';
import { Postmortem } from './postmortem.entity.js';

export const postmortemView = (p: Postmortem) => ({
  id: p.id,
  title: p.title,
  incidentStart: p.incidentStart,
  incidentEnd: p.incidentEnd,
  severity: p.severity,
  summary: p.summary,
  impact: p.impact,
  causes: p.causes,
  documentUrl: p.documentUrl,
  facilitatorId: p.facilitatorId,
  status: p.status,
  teamId: p.teamId,
  noActionNeededReason: p.noActionNeededReason,
  riskAcceptanceReason: p.riskAcceptanceReason,
  defaultTracker: p.defaultTracker,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
export type PostmortemView = ReturnType<typeof postmortemView>;

@Injectable()
export class PostmortemsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tickets: TicketRequestsService,
  ) {}

  async create(dto: CreatePostmortemDto, actor: Actor): Promise<PostmortemView> {
    return this.ds.transaction(async (m) => {
      await this.checkReferences(m, dto);
      const repo = m.getRepository(Postmortem);
      const pm = repo.create({
        ...dto,
        incidentStart: new Date(dto.incidentStart),
        incidentEnd: dto.incidentEnd ? new Date(dto.incidentEnd) : null,
      });
      this.checkTimes(pm);
      const saved = await repo.save(pm);
      await this.audit.record(
        actor,
        'postmortem.create',
        'postmortem',
        saved.id,
        { title: saved.title, severity: saved.severity },
        m,
      );
      return postmortemView(saved);
    });
  }

  async get(id: string): Promise<PostmortemView> {
    return postmortemView(await this.find(this.ds.manager, id));
  }

  async find(m: EntityManager, id: string): Promise<Postmortem> {
    const pm = await m.getRepository(Postmortem).findOneBy({ id });
    if (!pm) throw notFound('Postmortem', id);
    return pm;
  }

  async list(q: PostmortemQuery): Promise<Page<PostmortemView>> {
    const qb = this.ds.getRepository(Postmortem).createQueryBuilder('pm');
    for (const f of ['status', 'severity', 'teamId', 'facilitatorId'] as const)
      if (q[f]) qb.andWhere(`pm.${f} = :${f}`, { [f]: q[f] });
    const page = await paginate(qb, q);
    return { items: page.items.map(postmortemView), nextCursor: page.nextCursor };
  }

  async update(id: string, dto: UpdatePostmortemDto, actor: Actor): Promise<PostmortemView> {
    assertNoNulls(dto, ['title', 'incidentStart', 'severity', 'summary', 'impact', 'causes', 'status']);
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(Postmortem);
      const pm = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!pm) throw notFound('Postmortem', id);
      await this.checkReferences(m, dto);
      const before = postmortemView(pm);
      const { incidentStart, incidentEnd, ...rest } = dto;
      Object.assign(pm, rest);
      if (incidentStart !== undefined) pm.incidentStart = new Date(incidentStart);
      if (incidentEnd !== undefined) pm.incidentEnd = incidentEnd ? new Date(incidentEnd) : null;
      this.checkTimes(pm);
      const saved = await repo.save(pm);
      await this.audit.recordDiff(actor, 'postmortem.update', 'postmortem', id, before, postmortemView(saved), m);
      return postmortemView(saved);
    });
  }

  private checkTimes(pm: Postmortem): void {
    if (pm.incidentEnd && pm.incidentEnd.getTime() < pm.incidentStart.getTime())
      throw invalid('incidentEnd', 'must not be before incidentStart');
  }

  private async checkReferences(m: EntityManager, dto: UpdatePostmortemDto): Promise<void> {
    await assertReference(m, Person, dto.facilitatorId, 'facilitatorId', 'person');
    await assertReference(m, Team, dto.teamId, 'teamId', 'team');
    if (dto.defaultTracker) await this.tickets.resolveTarget(dto.defaultTracker, m, 'defaultTracker');
  }
}
