import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/index.js';
import { AuditModule } from '../audit/index.js';
import { JobsModule } from '../jobs/index.js';
import { QualityModule } from '../quality/index.js';
import { ConnectionHealthService } from './connections/connection-health.service.js';
import { CredentialEncryptionService } from './connections/credential-encryption.service.js';
import { TrackerConnectionsController } from './connections/tracker-connections.controller.js';
import { TrackerConnectionsService } from './connections/tracker-connections.service.js';
import { TicketApplier } from './sync/ticket-applier.js';
import { TrackerSyncController } from './sync/tracker-sync.controller.js';
import { TrackerSyncJob } from './sync/tracker-sync.job.js';
import { TrackerSyncService } from './sync/tracker-sync.service.js';
import { QualityTrackerLookup } from './quality-tracker.lookup.js';
import { TicketCreatorJob } from './ticket-creator.job.js';
import { TicketRequestsService } from './ticket-requests.service.js';
import { TrackerMetrics } from './tracker.metrics.js';
import { TrackerRegistry } from './tracker.registry.js';

@Module({
  imports: [ActionItemsModule, AuditModule, QualityModule, JobsModule],
  controllers: [TrackerConnectionsController, TrackerSyncController],
  providers: [
    TicketRequestsService,
    TrackerRegistry,
    TrackerConnectionsService,
    CredentialEncryptionService,
    ConnectionHealthService,
    TicketApplier,
    TicketCreatorJob,
    TrackerSyncService,
    TrackerSyncJob,
    TrackerMetrics,
    QualityTrackerLookup,
  ],
  exports: [
    TicketRequestsService,
    TrackerRegistry,
    TrackerConnectionsService,
    ConnectionHealthService,
    TicketApplier,
    TrackerSyncService,
  ],
})
export class TrackersModule {}
