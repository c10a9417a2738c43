import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../common/roles.js';
import { invalid } from '../common/domain-errors.js';
import type { Page, PageQuery } from '../common/pagination.js';
import { AuditLog } from './audit-log.entity.js';
import type { AuditEntryDto, AuditLogQuery } from './audit.dto.js';

export const auditEntryView = (l: AuditLog): AuditEntryDto => ({
  id: l.id,
  at: l.at.toISOString(),
  actorTokenId: l.actorTokenId,
  actorName: l.actorName,
  action: l.action,
  entityType: l.entityType,
  entityId: l.entityId,
  changes: l.changes,
});

interface AuditCursor {
  t: string;
  id: string;
}

/** Field-level diff of two plain records: { field: { from, to } } for fields that changed. */
export function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  for (const [k, to] of Object.entries(after)) {
    const from = b[k];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from, to };
  }
  return out;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change. */
  async record(
    actor: Actor,
    action: string,
    entityType: string,
    entityId: string,
    changes: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<void> {
    const repo = manager ? manager.getRepository(AuditLog) : this.logs;
    await repo.insert({
      actorTokenId: actor.tokenId,
      actorName: actor.name,
      action,
      entityType,
      entityId,
      changes: changes as never,
    });
  }

  /** Records the fields that changed between two views of a record (bookkeeping left out). */
  async recordDiff(
    actor: Actor,
    action: string,
    entityType: string,
    entityId: string,
    before: object,
    after: object,
    manager?: EntityManager,
  ): Promise<void> {
    const changes = diff(before, after);
    delete changes.updatedAt;
    if (Object.keys(changes).length) await this.record(actor, action, entityType, entityId, changes, manager);
  }

  /** Oldest first, paged by (at, id) like the other lists; `at` keeps microseconds, so the cursor does too. */
  async list(q: AuditLogQuery): Promise<Page<AuditEntryDto>> {
    const qb = this.logs.createQueryBuilder('l');
    if (q.entityType) qb.andWhere('l.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('l.entityId = :entityId', { entityId: q.entityId });
    if (q.actorTokenId) qb.andWhere('l.actorTokenId = :actorTokenId', { actorTokenId: q.actorTokenId });
    if (q.actorName) qb.andWhere('l.actorName = :actorName', { actorName: q.actorName });
    if (q.action?.endsWith('.')) qb.andWhere('starts_with(l.action, :action)', { action: q.action });
    else if (q.action) qb.andWhere('l.action = :action', { action: q.action });
    if (q.from) qb.andWhere('l.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('l.at < :to', { to: q.to });
    if (q.cursor) {
      const key = decodeCursor(q.cursor);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('l.at > :ct::timestamptz', { ct: key.t })
            .orWhere('l.at = :ct::timestamptz AND l.id > :cid', { cid: key.id }),
        ),
      );
    }
    const limit = q.limit ?? 50;
    const { entities, raw } = await qb
      .addSelect(`to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .orderBy('l.at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ cursor_at: string }>();
    const items = entities.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      entities.length > limit && last
        ? Buffer.from(JSON.stringify({ t: raw[limit - 1].cursor_at, id: last.id })).toString('base64url')
        : null;
    return { items: items.map(auditEntryView), nextCursor };
  }

  /** A record's history, oldest first; empty when the record has none (or does not exist). */
  history(entityType: string, entityId: string, page: PageQuery): Promise<Page<AuditEntryDto>> {
    return this.list({ ...page, entityType, entityId });
  }

  async forEntity(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.logs.find({ where: { entityType, entityId }, order: { at: 'ASC' } });
  }
}

function decodeCursor(cursor: string): AuditCursor {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as AuditCursor;
    if (typeof key.t === 'string' && !Number.isNaN(Date.parse(key.t)) && /^[0-9a-f-]{36}$/i.test(key.id)) return key;
  } catch {
    // falls through to the error below
  }
  throw invalid('cursor', 'is not a valid cursor');
}
