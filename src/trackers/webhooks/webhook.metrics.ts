import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../../metrics/index.js';

/** The webhooks feature's counters, on the app's one registry. */
@Injectable()
export class WebhookMetrics {
  readonly deliveries: Counter<'source' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.deliveries = metrics.counter(
      'webhook_deliveries_total',
      'Webhook deliveries by source and outcome (accepted, duplicate, ignored, rejected, invalid)',
      ['source', 'outcome'],
    );
  }
}
