import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { AuditLog } from './audit-log.entity.js';

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

  async forEntity(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.logs.find({ where: { entityType, entityId }, order: { at: 'ASC' } });
  }
}
