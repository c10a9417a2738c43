import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EnvConfig } from '../../config/index.js';
import { JobsService } from '../../jobs/index.js';
import { TrackerSyncService } from './tracker-sync.service.js';

export const TRACKER_SYNC_QUEUE = 'tracker-sync';
const TICK = 'tracker-sync-tick';

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
  ) {}

  onModuleInit(): void {
    this.jobs.work(TRACKER_SYNC_QUEUE, (data) => this.sync.run({ full: data.full }));
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
