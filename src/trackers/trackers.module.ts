import { Global, Module } from '@nestjs/common';
import { TrackerConnectionsController } from './connections/tracker-connections.controller.js';
import { TrackerConnectionsService } from './connections/tracker-connections.service.js';
import { TicketCreatorJob } from './ticket-creator.job.js';
import { TicketRequestsService } from './ticket-requests.service.js';
import { TrackerRegistry } from './tracker.registry.js';

@Global()
@Module({
  controllers: [TrackerConnectionsController],
  providers: [TicketRequestsService, TrackerRegistry, TrackerConnectionsService, TicketCreatorJob],
  exports: [TicketRequestsService, TrackerRegistry, TrackerConnectionsService],
})
export class TrackersModule {}
