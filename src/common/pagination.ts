import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { invalid } from './domain-errors.js';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (nextCursor)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,2000}$/, { message: 'is not a valid cursor' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * An order a list pages in: one key, then the id to break ties. The cursor carries the last
 * row's key and id, so paging stays stable (each row exactly once) whatever the key.
 */
export interface KeysetOrder<E> {
  /** The order's name, carried by the cursor: a cursor of another order is refused. */
  name: string;
  /** The key as SQL over the builder's alias (property paths such as `ai.dueDate` are fine). */
  key: (alias: string) => string;
  dir: 'ASC' | 'DESC';
  /** The row's key as the cursor carries it. */
  value: (row: E) => string | number;
  /** Whether a cursor's key is one this order could have written. */
  accepts: (v: unknown) => boolean;
}

export const isTimestamp = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Creation order, oldest first: what every list pages in unless it offers a sort. */
export const CREATION_ORDER: KeysetOrder<{ createdAt: Date }> = {
  name: 'createdAt',
  key: (a) => `${a}.createdAt`,
  dir: 'ASC',
  value: (row) => row.createdAt.toISOString(),
  accepts: isTimestamp,
};

/** The cursor: `t` (creation order, the format lists always had) or `s` + `v` (another order). */
interface CursorKey {
  t?: unknown;
  s?: unknown;
  v?: unknown;
  id?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(order: KeysetOrder<never>, value: string | number, id: string): string {
  const key = order === CREATION_ORDER ? { t: value, id } : { s: order.name, v: value, id };
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, order: KeysetOrder<never>): { value: unknown; id: string } {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    const value = order === CREATION_ORDER ? key.t : key.s === order.name ? key.v : undefined;
    if (value !== undefined && order.accepts(value) && typeof key.id === 'string' && UUID.test(key.id))
      return { value, id: key.id };
  } catch {
    // falls through to the error below
  }
  throw invalid('cursor', 'is not a valid cursor (or one of another sort order)');
}

/**
 * Keyset pagination over (key, id) in the order's direction: stable under inserts, no OFFSET
 * scans. By default the key is `createdAt`; the builder's alias must have `id` and the key.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
  order: KeysetOrder<E> = CREATION_ORDER as unknown as KeysetOrder<E>,
): Promise<Page<E>> {
  const limit = query.limit ?? 50;
  const a = qb.alias;
  const key = order.key(a);
  if (query.cursor) {
    const after = decodeCursor(query.cursor, order);
    // A row comparison: PostgreSQL reads it as (key > v) OR (key = v AND id > id0), and an
    // index on the key serves it.
    qb.andWhere(`(${key}, ${a}.id) ${order.dir === 'ASC' ? '>' : '<'} (:ck, :cid)`, {
      ck: after.value,
      cid: after.id,
    });
  }
  const rows = await qb
    .orderBy(key, order.dir)
    .addOrderBy(`${a}.id`, order.dir)
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(order, order.value(last), last.id) : null;
  return { items, nextCursor };
}
