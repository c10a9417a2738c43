import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/index.js';

/** The trackers feature's counters, on the app's one registry. */
@Injectable()
export class TrackerMetrics {
  readonly requests: Counter<'kind' | 'operation'>;

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter(
      'tracker_requests_total',
      'Requests sent to trackers by connection kind and operation',
      ['kind', 'operation'],
    );
  }
}
