import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

/** The jobs feature's own counters, on the app's one registry. */
@Injectable()
export class JobMetrics {
  readonly runs: Counter<'job' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.runs = new Counter({
      name: 'job_runs_total',
      help: 'Background job runs by job and outcome',
      labelNames: ['job', 'outcome'],
      registers: [metrics.registry],
    });
  }
}
