import { Module } from '@nestjs/common';

/** Signed GitHub and Jira webhook deliveries, deduplicated and processed as durable jobs. */
@Module({ controllers: [], providers: [] })
export class WebhooksModule {}
