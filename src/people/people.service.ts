import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import type { Actor } from '../common/roles.js';
import { assertNoNulls, conflict, invalid, notFound } from '../common/domain-errors.js';
import { paginate, type Page } from '../common/pagination.js';
import { assertReference } from '../common/references.js';
import type { CreatePersonDto, PersonQuery, UpdatePersonDto } from './person.dto.js';
import { Person } from './person.entity.js';

export const personView = (p: Person) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  timezone: p.timezone,
  teamId: p.teamId,
  managerId: p.managerId,
  jiraAccountId: p.jiraAccountId,
  jiraUsername: p.jiraUsername,
  githubLogin: p.githubLogin,
  active: p.active,
  emailDigest: p.emailDigest,
  emailNudges: p.emailNudges,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
export type PersonView = ReturnType<typeof personView>;

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreatePersonDto, actor: Actor): Promise<PersonView> {
    return this.ds.transaction(async (m) => {
      await this.checkReferences(m, dto);
      await this.assertEmailFree(m, dto.email);
      const repo = m.getRepository(Person);
      const person = await repo.save(
        repo.create({ timezone: 'UTC', active: true, emailDigest: true, emailNudges: true, ...dto }),
      );
      await this.audit.record(actor, 'person.create', 'person', person.id, { ...dto }, m);
      return personView(person);
    });
  }

  async get(id: string): Promise<PersonView> {
    const p = await this.ds.getRepository(Person).findOneBy({ id });
    if (!p) throw notFound('Person', id);
    return personView(p);
  }

  async list(q: PersonQuery): Promise<Page<PersonView>> {
    const qb = this.ds.getRepository(Person).createQueryBuilder('p');
    if (q.teamId) qb.andWhere('p.teamId = :teamId', { teamId: q.teamId });
    if (q.active) qb.andWhere('p.active = :active', { active: q.active === 'true' });
    if (q.email) qb.andWhere('p.email = :email', { email: q.email });
    const page = await paginate(qb, q);
    return { items: page.items.map(personView), nextCursor: page.nextCursor };
  }

  /** People are never deleted: `active: false` deactivates, keeping their items' history. */
  async update(id: string, dto: UpdatePersonDto, actor: Actor): Promise<PersonView> {
    assertNoNulls(dto, ['name', 'email', 'timezone', 'active', 'emailDigest', 'emailNudges']);
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(Person);
      const person = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw notFound('Person', id);
      if (dto.managerId === id) throw invalid('managerId', 'cannot be the person themself');
      await this.checkReferences(m, dto);
      if (dto.email && dto.email !== person.email) await this.assertEmailFree(m, dto.email);
      const before = personView(person);
      Object.assign(person, dto);
      const saved = await repo.save(person);
      await this.audit.recordDiff(actor, 'person.update', 'person', id, before, personView(saved), m);
      return personView(saved);
    });
  }

  private async checkReferences(m: EntityManager, dto: UpdatePersonDto): Promise<void> {
    // By name: teams build on people (see Person.team), so people do not import them.
    await assertReference(m, 'Team', dto.teamId, 'teamId', 'team');
    await assertReference(m, Person, dto.managerId, 'managerId', 'person');
  }

  private async assertEmailFree(m: EntityManager, email: string | undefined): Promise<void> {
    if (email && (await m.getRepository(Person).exists({ where: { email } })))
      throw conflict(`A person with email ${email} already exists`, [{ field: 'email', problem: 'is already in use' }]);
  }
}
