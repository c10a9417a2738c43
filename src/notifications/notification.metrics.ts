import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/index.js';

export type EmailOutcome = 'sent' | 'retried' | 'failed' | 'outbox' | 'interrupted';

/** The notifications feature's own counters, on the app's one registry. */
@Injectable()
export class NotificationMetrics {
  /** emails_total{kind, outcome}: every attempt's result, and every message kept in the outbox. */
  readonly emails: Counter<'kind' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.emails = metrics.counter(
      'emails_total',
      'Email messages by kind (assignment, nudge, digest) and outcome (sent, retried, failed, outbox, interrupted)',
      ['kind', 'outcome'],
    );
  }

  count(kind: string, outcome: EmailOutcome, n = 1): void {
    if (n > 0) this.emails.inc({ kind, outcome }, n);
  }
}
