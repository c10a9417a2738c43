import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvConfig } from '../../config/index.js';
import { JobsService } from '../../jobs/index.js';

export const WEBHOOK_PRUNE_QUEUE = 'webhook-prune';
const TICK = 'webhook-prune-tick';
const DELIVERY_RETENTION_DAYS = 30;
const DAY_SECONDS = 24 * 60 * 60;
/** Hourly ticks, so a replica that restarts often still prunes; the singleton key keeps it to one run a day. */
const TICK_MS = 60 * 60_000;

/**
 * Forgets webhook delivery ids after 30 days: Jira redelivers for about 30 minutes and
 * GitHub only by hand, so an older id will not come back, and the table stays small.
 * Every replica ticks; a tick only enqueues, with one singleton key per day.
 */
@Injectable()
export class WebhookPruneJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookPruneJob');

  constructor(
    private readonly jobs: JobsService,
    private readonly scheduler: SchedulerRegistry,
    private readonly env: EnvConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.work(WEBHOOK_PRUNE_QUEUE, async () => {
      const removed = await this.pruneDeliveries();
      if (removed)
        this.logger.log(`Forgot ${removed} webhook delivery id(s) older than ${DELIVERY_RETENTION_DAYS} days`);
      return { removed };
    });
  }

  onApplicationBootstrap(): void {
    if (!this.env.JOBS_ENABLED) return;
    this.scheduler.addInterval(
      TICK,
      setInterval(() => void this.tick(), TICK_MS),
    );
  }

  /** Enqueues today's prune unless a replica already has. */
  async tick(): Promise<string | null> {
    try {
      return await this.jobs.send(WEBHOOK_PRUNE_QUEUE, {}, { singletonKey: 'daily', singletonSeconds: DAY_SECONDS });
    } catch (err) {
      this.logger.warn({ err }, 'could not enqueue the webhook delivery prune; the next tick will');
      return null;
    }
  }

  async pruneDeliveries(): Promise<number> {
    const [, removed] = await this.ds.query<[unknown, number]>(
      `DELETE FROM webhook_delivery WHERE received_at < now() - make_interval(days => $1)`,
      [DELIVERY_RETENTION_DAYS],
    );
    return removed;
  }
}
