import type { EnvConfig } from '../config/index.js';
import { MetricsService } from '../metrics/index.js';
import { type JobName, queueOptions } from './job-map.js';
import { JobMetrics } from './job.metrics.js';
import { JobsService } from './jobs.service.js';

// Never started: the check runs before pg-boss is asked for anything.
const env = { JOBS_ENABLED: true, TICKET_RETRY_DELAY_SECONDS: 30 } as EnvConfig;
const service = () =>
  new JobsService({ url: 'postgres://nobody@127.0.0.1:1/none' } as never, env, new JobMetrics(new MetricsService()));
const names = Object.keys(queueOptions(env)) as JobName[];

describe('the start-up check of job handlers', () => {
  it('refuses to start when a declared queue has no handler, naming it', async () => {
    const jobs = service();
    for (const name of names.slice(1)) jobs.work(name, async () => undefined);
    await expect(jobs.onApplicationBootstrap()).rejects.toThrow(`queue "${names[0]}" has 0 handlers`);
  });

  it('refuses a second handler for one queue', async () => {
    const jobs = service();
    for (const name of names) jobs.work(name, async () => undefined);
    jobs.work(names[1], async () => undefined);
    await expect(jobs.onApplicationBootstrap()).rejects.toThrow(`queue "${names[1]}" has 2 handlers`);
  });

  it('item work expires in minutes, not after the 15-minute default of pg-boss', () => {
    const q = queueOptions(env);
    expect(q['ticket-create'].expireInSeconds).toBeLessThanOrEqual(60);
    expect(q['ticket-update'].expireInSeconds).toBeLessThanOrEqual(120);
    expect(q['tracker-webhook'].expireInSeconds).toBeLessThanOrEqual(60);
  });
});
