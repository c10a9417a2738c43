import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRun } from './job-run.entity.js';

export interface JobRunView {
  id: string;
  name: string;
  trigger: string;
  asOf: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  status: string;
  result: Record<string, unknown> | null;
  error: string | null;
}

/**
 * Records each run of the notification jobs (the owner of job_run), and lists recent runs of
 * every job: these, plus the other queues' jobs as pg-boss keeps them (tracker-sync, tickets,
 * webhooks), so one endpoint answers "did it run, and what did it do".
 */
@Injectable()
export class JobRunsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async track<T extends object>(
    name: string,
    trigger: JobRun['trigger'],
    asOf: Date,
    work: () => Promise<T>,
  ): Promise<T> {
    const repo = this.ds.getRepository(JobRun);
    const run = await repo.save(repo.create({ name, trigger, asOf, startedAt: new Date(), status: 'running' }));
    try {
      const result = await work();
      run.status = 'ok';
      run.finishedAt = new Date();
      run.result = result as Record<string, unknown>;
      await repo.save(run);
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await repo
        .update(run.id, { status: 'error', finishedAt: new Date(), error: message.slice(0, 1000) })
        .catch(() => undefined);
      throw err;
    }
  }

  async recent(name: string | undefined, limit: number): Promise<JobRunView[]> {
    const ours = await this.ds.getRepository(JobRun).find({
      where: name ? { name } : {},
      order: { startedAt: 'DESC' },
      take: limit,
    });
    const queued = await this.queueRuns(name, limit);
    return [
      ...ours.map((r) => ({
        id: r.id,
        name: r.name,
        trigger: r.trigger,
        asOf: r.asOf,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        status: r.status,
        result: r.result,
        error: r.error,
      })),
      ...queued,
    ]
      .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0))
      .slice(0, limit);
  }

  /** Runs of the queues that do not record themselves here, read from pg-boss's own tables. */
  private async queueRuns(name: string | undefined, limit: number): Promise<JobRunView[]> {
    const sql = (table: string) =>
      `SELECT id::text, name, state, started_on, completed_on, output FROM pgboss.${table}
        WHERE started_on IS NOT NULL AND name NOT IN ('overdue-nudges', 'weekly-digest')
          AND ($1::text IS NULL OR name = $1)`;
    let rows: Array<Record<string, unknown>> = [];
    try {
      rows = await this.ds.query(
        `SELECT * FROM (${sql('job')} UNION ALL ${sql('archive')}) r ORDER BY started_on DESC LIMIT $2`,
        [name ?? null, limit],
      );
    } catch {
      // pg-boss has not created its schema yet (a replica that never started the queue).
    }
    return rows.map((r) => {
      const state = r.state as string;
      const output = (r.output ?? null) as Record<string, unknown> | null;
      const failed = state === 'failed' || state === 'retry';
      return {
        id: r.id as string,
        name: r.name as string,
        trigger: 'queue',
        asOf: null,
        startedAt: new Date(r.started_on as string),
        finishedAt: r.completed_on ? new Date(r.completed_on as string) : null,
        status: state === 'completed' ? 'ok' : failed ? 'error' : 'running',
        result: failed ? null : output,
        error: failed ? ((output?.message as string | undefined) ?? state) : null,
      };
    });
  }
}
