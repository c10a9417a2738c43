// The trackers feature's public surface: other features import from here, never from its folders.
// Order matters: entities and types first, services and modules last (see action-items/index.ts).
export type { TicketState, TrackerKind } from './issue-tracker.js';
export type { TrackerTarget } from './tracker-target.js';
export { TrackerConnection } from './connections/tracker-connection.entity.js';
export { TrackerTargetDto } from './tracker-target.dto.js';
export { trackerKind } from './tracker.registry.js';
export { type ConnectionHealthState, healthState } from './connections/connection-health.service.js';
export type { TrackerWebhookData } from './webhooks/webhook-intake.service.js';
export { type TicketTarget, TicketRequestsService } from './ticket-requests.service.js';
export { type TicketCommentOutcome, TicketActionsService } from './ticket-actions/ticket-actions.service.js';
export { TrackersModule } from './trackers.module.js';
export { TicketActionsModule } from './ticket-actions/ticket-actions.module.js';
export { WebhooksModule } from './webhooks/webhooks.module.js';
