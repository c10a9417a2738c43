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
import { DATABASE_TARGET, EnvConfig } from '../config/index.js';
import type { DatabaseTarget } from '../database/database-target.js';
import {
  type JobHandler,
  type JobMap,
  type JobName,
  MAINTENANCE_INTERVAL_SECONDS,
  queueOptions,
  type QueueOptions,
} from './job-map.js';
import { JobMetrics } from './job.metrics.js';

interface Worker {
  name: JobName;
  handler: JobHandler<never>;
  concurrency: number;
}

/**
 * Durable jobs on PostgreSQL through pg-boss: replicas share the queue, a job runs on
 * one of them, and a job sent with a transaction's manager commits with it (outbox).
 * Queues and payloads are declared once, in `job-map.ts`.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobsService');
  readonly boss: PgBoss;
  private readonly queues: Record<JobName, QueueOptions>;
  private readonly workers: Worker[] = [];
  private started = false;

  constructor(
    @Inject(DATABASE_TARGET) target: DatabaseTarget,
    private readonly env: EnvConfig,
    private readonly metrics: JobMetrics,
  ) {
    this.queues = queueOptions(env);
    this.boss = new PgBoss({
      connectionString: target.url,
      max: 4,
      schema: 'pgboss',
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
    });
    this.boss.on('error', (err) => this.logger.error({ err }, 'pg-boss error'));
  }

  /** Registers the one handler of a declared queue; call from the feature's onModuleInit. */
  work<K extends JobName>(name: K, handler: JobHandler<K>, concurrency = 1): void {
    this.workers.push({ name, handler, concurrency });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** Runs after every module's onModuleInit, so all handlers are registered by then. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      this.assertOneHandlerPerQueue();
    } catch (err) {
      await this.onApplicationShutdown();
      throw err;
    }
    for (const [name, options] of Object.entries(this.queues)) await this.boss.createQueue(name, { name, ...options });
    if (!this.env.JOBS_ENABLED) return;
    for (const { name, handler, concurrency } of this.workers) {
      const run = async ([job]: PgBoss.JobWithMetadata<object>[]) => {
        if (!job) return;
        try {
          const result = await handler(job.data as never, job as never);
          this.metrics.runs.inc({ job: name, outcome: 'ok' });
          return result;
        } catch (err) {
          this.metrics.runs.inc({ job: name, outcome: 'error' });
          this.logger.warn({ err, job: name, id: job.id }, 'job failed; pg-boss will retry it');
          throw err;
        }
      };
      for (let i = 0; i < concurrency; i++)
        await this.boss.work<object>(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, run);
    }
  }

  /**
   * pg-boss silently drops a job sent to a queue nobody created, and a queue without a handler
   * fills up unseen: refuse to start with either.
   */
  private assertOneHandlerPerQueue(): void {
    const problems: string[] = [];
    for (const name of Object.keys(this.queues) as JobName[]) {
      const n = this.workers.filter((w) => w.name === name).length;
      if (n !== 1) problems.push(`queue "${name}" has ${n} handlers (expected exactly one)`);
    }
    for (const { name } of this.workers)
      if (!(name in this.queues))
        problems.push(`a handler is registered for "${name}", which job-map.ts does not declare`);
    if (problems.length)
      throw new Error(`Job queues are misconfigured: ${problems.join('; ')}. Declare queues in src/jobs/job-map.ts.`);
  }

  /** Enqueue; with `manager`, the job is written in that transaction and exists only if it commits. */
  async send<K extends JobName>(
    name: K,
    data: JobMap[K],
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
