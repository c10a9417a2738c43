import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/index.js';
import { AuditModule } from '../audit/index.js';
import { EventsModule } from '../events/index.js';
import { QualityModule } from '../quality/index.js';
import { TrackersModule } from '../trackers/index.js';
import { PostmortemQualityController } from './postmortem-quality.controller.js';
import { PostmortemQualityService } from './postmortem-quality.service.js';
import { RecommendationsController } from './recommendations.controller.js';
import { RecommendationsService } from './recommendations.service.js';

@Module({
  imports: [ActionItemsModule, EventsModule, AuditModule, QualityModule, TrackersModule],
  controllers: [RecommendationsController, PostmortemQualityController],
  providers: [RecommendationsService, PostmortemQualityService],
})
export class RecommendationsModule {}
