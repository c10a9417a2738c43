import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventMap, EventName } from './event-map.js';

export type EventHandler<K extends EventName> = (payload: EventMap[K], m: EntityManager) => Promise<void>;

/**
 * A small typed, synchronous-in-the-transaction event bus. `emit` awaits every handler in
 * turn with the emitter's EntityManager; a handler that throws fails the emitter's
 * transaction, so a change never commits without the durable jobs its subscribers queue.
 */
@Injectable()
export class EventsService {
  private readonly handlers = new Map<EventName, EventHandler<never>[]>();

  /** Subscribe; call from a provider's constructor or onModuleInit. */
  on<K extends EventName>(name: K, handler: EventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
  }

  async emit<K extends EventName>(name: K, payload: EventMap[K], m: EntityManager): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await (handler as EventHandler<K>)(payload, m);
  }
}
