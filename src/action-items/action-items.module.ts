import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { EventsModule } from '../events/index.js';
import { QualityModule } from '../quality/index.js';
import { ActionItemsController } from './action-items.controller.js';
import { ActionItemsRepository } from './action-items.repository.js';
import { ActionItemsService } from './action-items.service.js';

@Module({
  imports: [EventsModule, AuditModule, QualityModule],
  controllers: [ActionItemsController],
  providers: [ActionItemsService, ActionItemsRepository],
  exports: [ActionItemsService, ActionItemsRepository],
})
export class ActionItemsModule {}
