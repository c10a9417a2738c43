import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { TrackersModule } from '../trackers/index.js';
import { TeamsController } from './teams.controller.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [AuditModule, TrackersModule],
  controllers: [TeamsController],
  providers: [TeamsService],
})
export class TeamsModule {}
