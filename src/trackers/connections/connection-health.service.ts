import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TrackerError } from '../issue-tracker.js';
import { TrackerConnection } from './tracker-connection.entity.js';

/** The longest rate-limit wait we believe from a tracker before calling it failing instead. */
const MAX_RATE_LIMIT_MS = 24 * 3600_000;

export type ConnectionHealthState = 'ok' | 'rate_limited' | 'failing';

export function healthState(
  c: Pick<TrackerConnection, 'rateLimitedUntil' | 'failingSince'>,
  now = new Date(),
): ConnectionHealthState {
  if (c.rateLimitedUntil && c.rateLimitedUntil > now) return 'rate_limited';
  return c.failingSince ? 'failing' : 'ok';
}

/** Keeps each connection's health (ok, rate limited until, failing since) from the outcome of real calls. */
@Injectable()
export class ConnectionHealthService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async succeeded(connectionId: string): Promise<void> {
    await this.ds
      .getRepository(TrackerConnection)
      .update(
        { id: connectionId },
        { lastSuccessAt: new Date(), failingSince: null, rateLimitedUntil: null, lastError: null },
      );
  }

  /** A rate limit sets "until"; anything else starts (or continues) "failing since". */
  async failed(connectionId: string, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const repo = this.ds.getRepository(TrackerConnection);
    if (error instanceof TrackerError && error.code === 'RATE_LIMITED') {
      const waitMs = Math.min(error.retryAfterMs ?? 60_000, MAX_RATE_LIMIT_MS);
      await repo.update({ id: connectionId }, { rateLimitedUntil: new Date(Date.now() + waitMs), lastError: message });
      return;
    }
    await repo
      .createQueryBuilder()
      .update()
      .set({ failingSince: () => 'COALESCE(failing_since, now())', lastError: message })
      .where('id = :id', { id: connectionId })
      .execute();
  }
}
