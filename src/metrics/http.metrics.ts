import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsService } from './metrics.service.js';

/** Request latency of the HTTP API, recorded by the metrics module's middleware. */
@Injectable()
export class HttpMetrics {
  readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(metrics: MetricsService) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }
}
