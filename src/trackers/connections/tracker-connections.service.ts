import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ActionItemsRepository } from '../../action-items/index.js';
import { AuditService } from '../../audit/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../common/roles.js';
import { assertNoNulls, conflict, DomainError, invalid, notFound } from '../../common/domain-errors.js';
import { EnvConfig } from '../../config/index.js';
import { TrackerError, type TrackerKind } from '../issue-tracker.js';
import type { ConnectionShape } from '../tracker-kind.js';
import { TrackerRegistry, trackerKind } from '../tracker.registry.js';
import type { CreateTrackerConnectionDto, UpdateTrackerConnectionDto } from './tracker-connection.dto.js';
import { TrackerConnection } from './tracker-connection.entity.js';
import { healthState } from './connection-health.service.js';

/** The API shape: credentials are never returned, only whether they are set. */
export const connectionView = (c: TrackerConnection) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  baseUrl: c.baseUrl,
  flavor: c.flavor,
  email: c.email,
  defaultProject: c.defaultProject,
  labels: c.labels,
  source: c.source,
  enabled: c.enabled,
  hasWebhookSecret: Boolean(c.webhookSecret),
  health: {
    state: healthState(c),
    rateLimitedUntil: c.rateLimitedUntil,
    failingSince: c.failingSince,
    lastError: c.lastError,
    lastSuccessAt: c.lastSuccessAt,
  },
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const SECRET_COLUMNS = ['token', 'webhookSecret'] as const;

@Injectable()
export class TrackerConnectionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('TrackerConnections');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly registry: TrackerRegistry,
    private readonly env: EnvConfig,
    private readonly items: ActionItemsRepository,
  ) {}

  /** The default connections from JIRA_* / GITHUB_* variables, kept in step with them. */
  async onApplicationBootstrap(): Promise<void> {
    const e = this.env;
    if (e.JIRA_BASE_URL)
      await this.upsertFromEnv({
        kind: 'jira',
        name: 'default-jira',
        baseUrl: e.JIRA_BASE_URL,
        flavor: e.JIRA_FLAVOR,
        email: e.JIRA_EMAIL,
        token: (e.JIRA_FLAVOR === 'cloud' ? e.JIRA_API_TOKEN : e.JIRA_PAT) ?? '',
        webhookSecret: e.JIRA_WEBHOOK_SECRET,
        defaultProject: e.JIRA_PROJECT,
      });
    if (e.GITHUB_TOKEN && e.GITHUB_REPO)
      await this.upsertFromEnv({
        kind: 'github',
        name: 'default-github',
        baseUrl: e.GITHUB_API_URL,
        flavor: /api\.github\.com/.test(e.GITHUB_API_URL) ? 'github.com' : 'enterprise',
        token: e.GITHUB_TOKEN,
        webhookSecret: e.GITHUB_WEBHOOK_SECRET,
        defaultProject: e.GITHUB_REPO,
      });
  }

  async create(dto: CreateTrackerConnectionDto, actor: Actor) {
    this.checkShape(dto.kind, dto);
    return this.ds.transaction(async (m) => {
      await this.assertNameFree(m, dto.name);
      const repo = m.getRepository(TrackerConnection);
      const saved = await repo.save(
        repo.create({
          ...dto,
          email: dto.email ?? null,
          webhookSecret: dto.webhookSecret ?? null,
          defaultProject: dto.defaultProject ?? null,
          labels: dto.labels ?? [],
          source: 'api',
        }),
      );
      await this.audit.record(
        actor,
        'tracker_connection.create',
        'tracker_connection',
        saved.id,
        { kind: dto.kind, name: dto.name, baseUrl: dto.baseUrl },
        m,
      );
      return connectionView(saved);
    });
  }

  async list() {
    const rows = await this.withSecrets(this.ds.manager).orderBy('c.createdAt', 'ASC').getMany();
    return { items: rows.map(connectionView), nextCursor: null };
  }

  async get(id: string) {
    return connectionView(await this.find(this.ds.manager, id));
  }

  async update(id: string, dto: UpdateTrackerConnectionDto, actor: Actor) {
    assertNoNulls(dto, ['name', 'baseUrl', 'flavor', 'token', 'labels', 'enabled']);
    return this.ds.transaction(async (m) => {
      const conn = await this.find(m, id);
      this.checkShape(conn.kind, { ...conn, ...dto });
      if (dto.name && dto.name !== conn.name) await this.assertNameFree(m, dto.name);
      Object.assign(conn, dto);
      const saved = await m.getRepository(TrackerConnection).save(conn);
      // Which fields changed, never their secret values.
      await this.audit.record(
        actor,
        'tracker_connection.update',
        'tracker_connection',
        id,
        { fields: Object.keys(dto) },
        m,
      );
      return connectionView(saved);
    });
  }

  /** A connection that tickets point at cannot go: disable it instead. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.find(m, id);
      const linked = await this.items.countWithTicketOn(id, m);
      if (linked)
        throw conflict(`${linked} action item(s) have tickets on this connection; set enabled to false instead`);
      await m.getRepository(TrackerConnection).delete({ id });
      await this.audit.record(actor, 'tracker_connection.delete', 'tracker_connection', id, {}, m);
    });
  }

  /** Checks credentials and the default (or given) project against the tracker itself. */
  async test(id: string, project?: string) {
    const conn = await this.find(this.ds.manager, id);
    try {
      const result = await this.registry.forConnection(conn).testConnection(project);
      return { ok: true, user: result.user, project: result.project };
    } catch (err) {
      if (err instanceof TrackerError) return { ok: false, error: err.code, message: err.message };
      throw err;
    }
  }

  /** The row with its credentials selected (they are `select: false`). */
  async find(m: EntityManager, id: string): Promise<TrackerConnection> {
    const conn = await this.withSecrets(m).where('c.id = :id', { id }).getOne();
    if (!conn) throw notFound('Tracker connection', id);
    return conn;
  }

  private withSecrets(m: EntityManager) {
    return m
      .getRepository(TrackerConnection)
      .createQueryBuilder('c')
      .addSelect(SECRET_COLUMNS.map((s) => `c.${s}`));
  }

  private checkShape(kind: TrackerKind, c: ConnectionShape): void {
    const problem = trackerKind(kind).shapeProblem(c);
    if (problem) throw invalid(problem.field, problem.problem);
  }

  private async assertNameFree(m: EntityManager, name: string): Promise<void> {
    if (await m.getRepository(TrackerConnection).exists({ where: { name } }))
      throw conflict(`A connection named ${name} already exists`, [{ field: 'name', problem: 'is already taken' }]);
  }

  private async upsertFromEnv(c: Omit<CreateTrackerConnectionDto, 'labels' | 'enabled'>): Promise<void> {
    const repo = this.ds.getRepository(TrackerConnection);
    const fields = {
      ...c,
      email: c.email ?? null,
      webhookSecret: c.webhookSecret ?? null,
      defaultProject: c.defaultProject ?? null,
      source: 'env' as const,
    };
    const existing = await repo.findOneBy({ name: c.name });
    if (existing && existing.source !== 'env')
      throw new DomainError(
        'CONFLICT',
        `A connection named ${c.name} was created through the API; rename it to use the environment defaults`,
      );
    if (existing) await repo.update({ id: existing.id }, fields);
    else {
      const saved = await repo.save(repo.create(fields));
      await this.audit.record(SYSTEM_ACTOR, 'tracker_connection.create', 'tracker_connection', saved.id, {
        kind: c.kind,
        name: c.name,
        source: 'env',
      });
    }
    this.logger.log(`Default ${c.kind} connection from the environment: ${c.baseUrl}`);
  }
}
