import { Module } from '@nestjs/common';
import { JobMetrics } from './job.metrics.js';
import { JobsService } from './jobs.service.js';

@Module({ providers: [JobsService, JobMetrics], exports: [JobsService] })
export class JobsModule {}
