import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

/** The trackers feature's counters, on the app's one registry. */
@Injectable()
export class TrackerMetrics {
  readonly requests: Counter<'kind' | 'operation'>;

  constructor(metrics: MetricsService) {
    this.requests = new Counter({
      name: 'tracker_requests_total',
      help: 'Requests sent to trackers by connection kind and operation',
      labelNames: ['kind', 'operation'],
      registers: [metrics.registry],
    });
  }
}
