import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ActionItem, ActionItemsRepository } from '../action-items/index.js';
import { conflict, invalid } from '../common/domain-errors.js';
import { JobsService } from '../jobs/index.js';
import { TrackerConnection } from './connections/tracker-connection.entity.js';
import type { TrackerKind } from './issue-tracker.js';
import type { TrackerTarget } from './tracker-target.js';
import { TRACKER_KINDS, trackerKind } from './tracker.registry.js';

export const TICKET_CREATE_QUEUE = 'ticket-create';
/** Brings a linked ticket in line with its item (today: closes it when the item was closed here). */
export const TICKET_UPDATE_QUEUE = 'ticket-update';

export interface TicketTarget {
  connectionId: string;
  kind: TrackerKind;
  /** Jira project key or GitHub owner/repo. */
  project: string;
}

/** Records the wish for a ticket and queues its creation in the caller's transaction. */
@Injectable()
export class TicketRequestsService {
  constructor(
    private readonly jobs: JobsService,
    private readonly items: ActionItemsRepository,
  ) {}

  /** `field` names the target in errors: `tracker`, `defaultTracker`, or where a default came from. */
  async resolveTarget(t: TrackerTarget, m: EntityManager, field = 'tracker'): Promise<TicketTarget> {
    const conn = await m.getRepository(TrackerConnection).findOneBy({ id: t.connectionId });
    if (!conn || !conn.enabled)
      throw invalid(`${field}.connectionId`, 'does not refer to an enabled tracker connection');
    const spec = trackerKind(conn.kind);
    // The target field of another kind (repo on a Jira connection, project on a GitHub one).
    for (const other of TRACKER_KINDS)
      if (other.targetField !== spec.targetField && t[other.targetField])
        throw invalid(
          `${field}.${other.targetField}`,
          `applies to ${other.name} connections; use ${field}.${spec.targetField} for ${spec.name}`,
        );
    const project = t[spec.targetField] ?? conn.defaultProject;
    if (!project) throw invalid(`${field}.${spec.targetField}`, 'is required: the connection has no default');
    return { connectionId: conn.id, kind: conn.kind, project };
  }

  async requestCreation(item: ActionItem, target: TicketTarget, m: EntityManager): Promise<void> {
    item.ticket = {
      ...item.ticket,
      connectionId: target.connectionId,
      target: target.project,
    };
    await this.queueCreation(item, m);
  }

  /** Marks the ticket pending and queues its creation, both in the caller's transaction. */
  private async queueCreation(item: ActionItem, m: EntityManager): Promise<void> {
    item.ticket = { ...item.ticket, state: 'pending', problem: null, failureCode: null };
    await this.items.save(m, item);
    await this.jobs.send(TICKET_CREATE_QUEUE, { itemId: item.id }, { singletonKey: item.id }, m);
  }

  /**
   * Asks for a failed (or missing) ticket to be created again. `attemptStartedAt` is kept on
   * purpose: the creator then searches for the marker of the earlier attempt before creating,
   * so a ticket that was made but never recorded is found instead of duplicated.
   */
  async requestRetry(item: ActionItem, m: EntityManager): Promise<void> {
    const connectionId = item.ticket.connectionId;
    const conn = connectionId ? await m.getRepository(TrackerConnection).findOneBy({ id: connectionId }) : null;
    if (!conn || !conn.enabled)
      throw conflict(
        "The ticket's tracker connection is gone or disabled; enable it (or link an existing ticket) first",
      );
    const project = item.ticket.target;
    if (!project) throw conflict(`The item's ticket names no ${trackerKind(conn.kind).targetNoun} to create it in`);
    // A missing ticket is gone for good: forget it, so the view does not show its key while the new one is made.
    if (item.ticket.state === 'missing')
      item.ticket = {
        ...item.ticket,
        key: null,
        number: null,
        url: null,
        externalStatus: null,
        lastSyncedAt: null,
        remoteState: null,
        remoteAssignee: null,
        remoteDueDate: null,
        remoteUpdatedAt: null,
      };
    await this.requestCreation(item, { connectionId: conn.id, kind: conn.kind, project }, m);
  }

  /**
   * A tracker that was down is answering again: queue again every ticket on the connection
   * that failed only because it was unreachable or rate limiting. Returns the items' ids.
   */
  async requeueTemporaryFailures(connectionId: string, m: EntityManager): Promise<string[]> {
    const items = await this.items.lockTemporaryFailures(m, connectionId);
    for (const item of items) await this.queueCreation(item, m);
    return items.map((i) => i.id);
  }
}
