import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvConfig } from '../../config/env.config.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { TrackerSyncService } from './tracker-sync.service.js';

export const TRACKER_SYNC_QUEUE = 'tracker-sync';
const TICK = 'tracker-sync-tick';
const DELIVERY_RETENTION_DAYS = 30;

/**
 * The scheduled sync. Every replica ticks; a tick only enqueues, with a singleton key per
 * interval, so however many replicas run there is one sync job per interval, run by one of them.
 */
@Injectable()
export class TrackerSyncJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('TrackerSyncJob');

  constructor(
    private readonly jobs: JobsService,
    private readonly sync: TrackerSyncService,
    private readonly scheduler: SchedulerRegistry,
    private readonly env: EnvConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ full?: boolean }>(
      { name: TRACKER_SYNC_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 3600 },
      async (data) => {
        const result = await this.sync.run({ full: data.full });
        await this.pruneDeliveries();
        return result;
      },
    );
  }

  /**
   * Forgets webhook delivery ids after 30 days: Jira redelivers for about 30 minutes and
   * GitHub only by hand, so an older id will not come back, and the table stays small.
   */
  async pruneDeliveries(): Promise<number> {
    const [, removed] = await this.ds.query<[unknown, number]>(
      `DELETE FROM webhook_delivery WHERE received_at < now() - interval '${DELIVERY_RETENTION_DAYS} days'`,
    );
    return removed;
  }

  onApplicationBootstrap(): void {
    if (!this.env.JOBS_ENABLED) return;
    const ms = this.env.TRACKER_SYNC_INTERVAL_MINUTES * 60_000;
    this.scheduler.addInterval(
      TICK,
      setInterval(() => void this.tick(), ms),
    );
  }

  /** Enqueues this interval's sync unless a replica already has. */
  async tick(): Promise<string | null> {
    try {
      return await this.jobs.send(
        TRACKER_SYNC_QUEUE,
        {},
        { singletonKey: 'scheduled', singletonSeconds: this.env.TRACKER_SYNC_INTERVAL_MINUTES * 60 },
      );
    } catch (err) {
      this.logger.warn({ err }, 'could not enqueue the tracker sync; the next tick will');
      return null;
    }
  }
}
