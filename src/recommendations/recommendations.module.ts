import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/index.js';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/index.js';
import { QualityModule } from '../quality/quality.module.js';
import { TrackersModule } from '../trackers/index.js';
import { RecommendationsController } from './recommendations.controller.js';
import { RecommendationsService } from './recommendations.service.js';

@Module({
  imports: [ActionItemsModule, EventsModule, AuditModule, QualityModule, TrackersModule],
  controllers: [RecommendationsController],
  providers: [RecommendationsService],
})
export class RecommendationsModule {}
