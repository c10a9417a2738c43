import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
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
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'is not a valid cursor' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorKey {
  t: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    if (
      typeof key.t === 'string' &&
      !Number.isNaN(Date.parse(key.t)) &&
      typeof key.id === 'string' &&
      UUID.test(key.id)
    )
      return key;
  } catch {
    // falls through to the error below
  }
  throw invalid('cursor', 'is not a valid cursor');
}

/**
 * Keyset pagination over (created_at, id): stable under inserts, no OFFSET scans.
 * The builder's alias must have `createdAt` and `id`.
 */
export async function paginate<E extends ObjectLiteral & { id: string; createdAt: Date }>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
): Promise<Page<E>> {
  const limit = query.limit ?? 50;
  const a = qb.alias;
  if (query.cursor) {
    const key = decodeCursor(query.cursor);
    qb.andWhere(
      new Brackets((w) => {
        w.where(`${a}.createdAt > :ct`, { ct: key.t }).orWhere(`${a}.createdAt = :ct AND ${a}.id > :cid`, {
          ct: key.t,
          cid: key.id,
        });
      }),
    );
  }
  const rows = await qb
    .orderBy(`${a}.createdAt`, 'ASC')
    .addOrderBy(`${a}.id`, 'ASC')
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify({ t: last.createdAt.toISOString(), id: last.id })).toString('base64url')
      : null;
  return { items, nextCursor };
}
