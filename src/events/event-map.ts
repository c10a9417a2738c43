/** Where a change to an item came from: the API (a person) or a tracker (sync, webhook, a link read live). */
export type ChangeSource = 'api' | 'sync' | 'webhook' | 'link';

/**
 * Every in-process event and its payload. Handlers run inside the transaction that made the
 * change, so a job they queue with the given EntityManager commits (or rolls back) with it.
 */
export interface EventMap {
  'action-item.created': { itemId: string; postmortemId: string; ownerId: string; dueDate: string };
  'action-item.owner-changed': { itemId: string; from: string; to: string; source: ChangeSource };
  'action-item.due-date-changed': { itemId: string; from: string; to: string; source: ChangeSource };
  /** The item became done or won't do (also on a change from one to the other). */
  'action-item.closed': {
    itemId: string;
    status: 'done' | 'wont_do';
    closedAt: Date;
    source: ChangeSource;
    /** Whether the item has a linked ticket (the close-the-ticket subscriber needs one). */
    ticketLinked: boolean;
  };
  'action-item.reopened': { itemId: string; source: ChangeSource };
  'recommendation.proposed': { recommendationId: string; postmortemId: string; text: string };
}

export type EventName = keyof EventMap;
