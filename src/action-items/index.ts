// The action-items feature's public surface: other features import from here, never from its files.
// Order matters: leaf files first, the service and module last, so a feature that the module's
// imports reach back into (quality, trackers) finds the repository and entity already evaluated.
export { ActionItem, HORIZONS, ITEM_STATUSES, ITEM_TYPES, type ItemStatus, PRIORITIES } from './action-item.entity.js';
export type { TicketLink, TicketLinkState } from './ticket-link.embedded.js';
export { ITEM_SORTS, type ItemSort, itemOrder } from './item-order.js';
export { ActionItemFieldsDto, ActionItemQuery } from './action-item.dto.js';
export { ActionItemDto, ActionItemPageDto } from './action-item-response.dto.js';
export { type ActionItemView, actionItemView } from './action-item.view.js';
export { applyStatus, isClosed, OPEN_STATUSES } from './item-status.js';
export { draftOf, postmortemItemView } from './item-draft.js';
export type { SqlNumber, SummaryFilter } from './summary-sql.js';
export { ActionItemsRepository, factsOf, type ItemFacts, type SqlRow } from './action-items.repository.js';
export { ActionItemsService } from './action-items.service.js';
export { ActionItemsModule } from './action-items.module.js';
