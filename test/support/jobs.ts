import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobName } from '../../src/jobs/job-map.js';

/**
 * Waits until no job is waiting, retrying or running (on `queues`, default all), so a test checks
 * the outcome after the work is done instead of polling for it. A job that exhausts its retries
 * counts as done: the test then sees what the failure left behind. Name the queues the test is
 * about: other features' subscribers queue jobs of their own (emails) that may retry for minutes.
 */
export async function drainJobs(
  app: INestApplication,
  options: { queues?: JobName[]; timeoutMs?: number } = {},
): Promise<void> {
  const ds = app.get(DataSource);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const [{ n, names }] = await ds.query<Array<{ n: number; names: string | null }>>(
      `SELECT count(*)::int AS n, string_agg(DISTINCT name, ', ') AS names FROM pgboss.job
        WHERE state IN ('created', 'retry', 'active') AND ($1::text[] IS NULL OR name = ANY($1))`,
      [options.queues ?? null],
    );
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} job(s) still pending on ${names}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
