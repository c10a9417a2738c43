export type { ChangeSource, EventMap, EventName } from './event-map.js';
export { EventsModule } from './events.module.js';
export { type EventHandler, EventsService } from './events.service.js';
