import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/index.js';

/** The jobs feature's own counters, on the app's one registry. */
@Injectable()
export class JobMetrics {
  readonly runs: Counter<'job' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.runs = metrics.counter('job_runs_total', 'Background job runs by job and outcome', ['job', 'outcome']);
  }
}
