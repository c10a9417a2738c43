import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The app's one Prometheus registry (one per app instance, so tests can start several apps in
 * one process). Each feature defines its own metrics on it (`*.metrics.ts` beside the feature).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
