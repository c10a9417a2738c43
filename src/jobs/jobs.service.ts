import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { DATABASE_TARGET } from '../config/config.module.js';
import { EnvConfig } from '../config/env.config.js';
import type { DatabaseTarget } from '../database/database-target.js';
import { MetricsService } from '../metrics/metrics.service.js';

export interface QueueSpec {
  name: string;
  /** pg-boss policy: `stately` keeps one queued and one active job per singletonKey. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

export type JobHandler<T> = (data: T, job: PgBoss.Job<T>) => Promise<unknown>;

/**
 * Durable jobs on PostgreSQL through pg-boss: replicas share the queue, a job runs on
 * one of them, and a job sent with a transaction's manager commits with it (outbox).
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobsService');
  readonly boss: PgBoss;
  private readonly queues = new Map<string, QueueSpec>();
  private readonly workers: { spec: QueueSpec; handler: JobHandler<never>; concurrency: number }[] = [];
  private started = false;

  constructor(
    @Inject(DATABASE_TARGET) target: DatabaseTarget,
    private readonly env: EnvConfig,
    private readonly metrics: MetricsService,
  ) {
    this.boss = new PgBoss({ connectionString: target.url, max: 4, schema: 'pgboss', supervise: true, migrate: true });
    this.boss.on('error', (err) => this.logger.error({ err }, 'pg-boss error'));
  }

  /** Declare a queue and (when jobs are enabled here) its worker; call from onModuleInit. */
  register<T extends object>(spec: QueueSpec, handler: JobHandler<T>, concurrency = 1): void {
    this.queues.set(spec.name, spec);
    this.workers.push({ spec, handler, concurrency });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** Runs after every module's onModuleInit, so all queues are registered by then. */
  async onApplicationBootstrap(): Promise<void> {
    for (const spec of this.queues.values()) {
      const { name, ...options } = spec;
      await this.boss.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true, ...options });
    }
    if (!this.env.JOBS_ENABLED) return;
    for (const { spec, handler, concurrency } of this.workers) {
      const run = async ([job]: PgBoss.Job<object>[]) => {
        if (!job) return;
        try {
          const result = await handler(job.data as never, job as never);
          this.metrics.jobRuns.inc({ job: spec.name, outcome: 'ok' });
          return result;
        } catch (err) {
          this.metrics.jobRuns.inc({ job: spec.name, outcome: 'error' });
          this.logger.warn({ err, job: spec.name, id: job.id }, 'job failed; pg-boss will retry it');
          throw err;
        }
      };
      for (let i = 0; i < concurrency; i++)
        await this.boss.work<object>(
          spec.name,
          { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
          run,
        );
    }
  }

  /** Enqueue; with `manager`, the job is written in that transaction and exists only if it commits. */
  async send(
    name: string,
    data: object,
    options: PgBoss.SendOptions = {},
    manager?: EntityManager,
  ): Promise<string | null> {
    const db = manager
      ? {
          executeSql: async (text: string, values: unknown[]) => ({
            rows: await manager.query<unknown[]>(text, values),
          }),
        }
      : undefined;
    return this.boss.send(name, data, { ...options, ...(db ? { db } : {}) });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.started = false;
  }
}
