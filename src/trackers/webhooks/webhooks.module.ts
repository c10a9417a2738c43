import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../../action-items/index.js';
import { JobsModule } from '../../jobs/index.js';
import { TrackersModule } from '../trackers.module.js';
import { TrackerWebhookJob } from './tracker-webhook.job.js';
import { WebhookIntakeService } from './webhook-intake.service.js';
import { WebhookPruneJob } from './webhook-prune.job.js';
import { WebhookMetrics } from './webhook.metrics.js';
import { WebhooksController } from './webhooks.controller.js';

/** Tracker webhook deliveries, verified by each kind's rules, deduplicated and processed as durable jobs. */
@Module({
  imports: [ActionItemsModule, JobsModule, TrackersModule],
  controllers: [WebhooksController],
  providers: [WebhookIntakeService, TrackerWebhookJob, WebhookPruneJob, WebhookMetrics],
})
export class WebhooksModule {}
