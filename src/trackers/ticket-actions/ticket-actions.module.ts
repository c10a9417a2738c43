import { Module } from '@nestjs/common';
import { TicketActionsController } from './ticket-actions.controller.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { TicketUpdateJob } from './ticket-update.job.js';

/** What people do to an item's ticket: link an existing one, retry a failed creation, close it when the item closes. */
@Module({ controllers: [TicketActionsController], providers: [TicketActionsService, TicketUpdateJob] })
export class TicketActionsModule {}
