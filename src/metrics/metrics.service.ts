import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so tests can start several apps in one process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Background job runs by job and outcome',
    labelNames: ['job', 'outcome'],
    registers: [this.registry],
  });
  readonly trackerRequests = new Counter({
    name: 'tracker_requests_total',
    help: 'Requests sent to trackers by connection kind and operation',
    labelNames: ['kind', 'operation'],
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook deliveries by source and outcome (accepted, duplicate, ignored, rejected, invalid)',
    labelNames: ['source', 'outcome'],
    registers: [this.registry],
  });
  readonly emails = new Counter({
    name: 'emails_sent_total',
    help: 'Emails by template and outcome',
    labelNames: ['template', 'outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
