import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { TrackersModule } from '../trackers/index.js';
import { PostmortemsController } from './postmortems.controller.js';
import { PostmortemsService } from './postmortems.service.js';

@Module({
  imports: [AuditModule, TrackersModule],
  controllers: [PostmortemsController],
  providers: [PostmortemsService],
  exports: [PostmortemsService],
})
export class PostmortemsModule {}
