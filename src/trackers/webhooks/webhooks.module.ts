import { Module } from '@nestjs/common';
import { TrackerWebhookJob } from './tracker-webhook.job.js';
import { WebhookIntakeService } from './webhook-intake.service.js';
import { WebhooksController } from './webhooks.controller.js';

/** Signed GitHub and Jira webhook deliveries, deduplicated and processed as durable jobs. */
@Module({ controllers: [WebhooksController], providers: [WebhookIntakeService, TrackerWebhookJob] })
export class WebhooksModule {}
