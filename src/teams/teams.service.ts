import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { conflict } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import { Person } from '../people/person.entity.js';
import type { CreateTeamDto, TeamQuery } from './team.dto.js';
import { Team } from './team.entity.js';

export const teamView = (t: Team) => ({ id: t.id, name: t.name, leadId: t.leadId, createdAt: t.createdAt, updatedAt: t.updatedAt });
export type TeamView = ReturnType<typeof teamView>;

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateTeamDto, actor: Actor): Promise<TeamView> {
    return this.ds.transaction(async (m) => {
      await assertReference(m, Person, dto.leadId, 'leadId', 'person');
      if (await m.getRepository(Team).exists({ where: { name: dto.name } })) throw conflict(`A team named "${dto.name}" already exists`, [{ field: 'name', problem: 'is already taken' }]);
      const team = await m.getRepository(Team).save(m.getRepository(Team).create({ name: dto.name, leadId: dto.leadId ?? null }));
      await this.audit.record(actor, 'team.create', 'team', team.id, { name: dto.name, leadId: team.leadId }, m);
      return teamView(team);
    });
  }

  async list(q: TeamQuery): Promise<Page<TeamView>> {
    const qb = this.ds.getRepository(Team).createQueryBuilder('t');
    if (q.name) qb.andWhere('t.name = :name', { name: q.name });
    const page = await paginate(qb, q);
    return { items: page.items.map(teamView), nextCursor: page.nextCursor };
  }
}
