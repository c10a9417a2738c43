import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { invalid } from './domain-errors.js';

/** A body field that names another record must name one that exists (400 naming the field). */
export async function assertReference<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  id: string | null | undefined,
  field: string,
  what: string,
): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await manager.getRepository(entity).exists({ where: { id } as never });
  if (!found) throw invalid(field, `does not refer to an existing ${what}`);
}
