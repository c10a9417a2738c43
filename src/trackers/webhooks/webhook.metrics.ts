import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../../metrics/metrics.service.js';

/** The webhooks feature's counters, on the app's one registry. */
@Injectable()
export class WebhookMetrics {
  readonly deliveries: Counter<'source' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.deliveries = new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook deliveries by source and outcome (accepted, duplicate, ignored, rejected, invalid)',
      labelNames: ['source', 'outcome'],
      registers: [metrics.registry],
    });
  }
}
