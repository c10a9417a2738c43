import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import type { Actor } from '../common/roles.js';
import { assertNoNulls, conflict, notFound } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/index.js';
import { TicketRequestsService } from '../trackers/index.js';
import type { CreateTeamDto, TeamQuery, UpdateTeamDto } from './team.dto.js';
import { Team } from './team.entity.js';

export const teamView = (t: Team) => ({
  id: t.id,
  name: t.name,
  leadId: t.leadId,
  defaultTracker: t.defaultTracker,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});
export type TeamView = ReturnType<typeof teamView>;

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tickets: TicketRequestsService,
  ) {}

  async create(dto: CreateTeamDto, actor: Actor): Promise<TeamView> {
    return this.ds.transaction(async (m) => {
      await this.check(m, dto);
      const team = await m
        .getRepository(Team)
        .save(
          m
            .getRepository(Team)
            .create({ name: dto.name, leadId: dto.leadId ?? null, defaultTracker: dto.defaultTracker ?? null }),
        );
      await this.audit.record(
        actor,
        'team.create',
        'team',
        team.id,
        { name: dto.name, leadId: team.leadId, defaultTracker: team.defaultTracker },
        m,
      );
      return teamView(team);
    });
  }

  async update(id: string, dto: UpdateTeamDto, actor: Actor): Promise<TeamView> {
    assertNoNulls(dto, ['name']);
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(Team);
      const team = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!team) throw notFound('Team', id);
      await this.check(m, dto, team);
      const before = teamView(team);
      Object.assign(team, dto);
      const saved = await repo.save(team);
      await this.audit.recordDiff(actor, 'team.update', 'team', id, before, teamView(saved), m);
      return teamView(saved);
    });
  }

  async list(q: TeamQuery): Promise<Page<TeamView>> {
    const qb = this.ds.getRepository(Team).createQueryBuilder('t');
    if (q.name) qb.andWhere('t.name = :name', { name: q.name });
    const page = await paginate(qb, q);
    return { items: page.items.map(teamView), nextCursor: page.nextCursor };
  }

  private async check(m: EntityManager, dto: UpdateTeamDto, current?: Team): Promise<void> {
    await assertReference(m, Person, dto.leadId, 'leadId', 'person');
    if (
      dto.name !== undefined &&
      dto.name !== current?.name &&
      (await m.getRepository(Team).exists({ where: { name: dto.name } }))
    )
      throw conflict(`A team named "${dto.name}" already exists`, [{ field: 'name', problem: 'is already taken' }]);
    if (dto.defaultTracker) await this.tickets.resolveTarget(dto.defaultTracker, m, 'defaultTracker');
  }
}
