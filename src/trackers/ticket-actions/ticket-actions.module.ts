import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../../action-items/index.js';
import { AuditModule } from '../../audit/index.js';
import { EventsModule } from '../../events/index.js';
import { JobsModule } from '../../jobs/index.js';
import { TrackersModule } from '../trackers.module.js';
import { TicketActionsController } from './ticket-actions.controller.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { TicketUpdateJob } from './ticket-update.job.js';

/** What people do to an item's ticket: link an existing one, retry a failed creation, close it when the item closes. */
@Module({
  imports: [ActionItemsModule, EventsModule, AuditModule, JobsModule, TrackersModule],
  controllers: [TicketActionsController],
  providers: [TicketActionsService, TicketUpdateJob],
  // Other features post on an item's ticket through it (notifications: a comment per nudge escalation).
  exports: [TicketActionsService],
})
export class TicketActionsModule {}
