import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActionItem } from '../action-items/action-item.entity.js';
import { invalid } from '../common/domain-errors.js';
import { JobsService } from '../jobs/jobs.service.js';
import { TrackerConnection } from './connections/tracker-connection.entity.js';
import type { TrackerKind } from './issue-tracker.js';

export const TICKET_CREATE_QUEUE = 'ticket-create';

export interface TicketTarget {
  connectionId: string;
  kind: TrackerKind;
  /** Jira project key or GitHub owner/repo. */
  project: string;
}

/** Records the wish for a ticket and queues its creation in the caller's transaction. */
@Injectable()
export class TicketRequestsService {
  constructor(private readonly jobs: JobsService) {}

  async resolveTarget(t: { connectionId: string; project?: string; repo?: string }, m: EntityManager): Promise<TicketTarget> {
    const conn = await m.getRepository(TrackerConnection).findOneBy({ id: t.connectionId });
    if (!conn || !conn.enabled) throw invalid('tracker.connectionId', 'does not refer to an enabled tracker connection');
    if (conn.kind === 'jira' && t.repo) throw invalid('tracker.repo', 'applies to GitHub connections; use tracker.project for Jira');
    if (conn.kind === 'github' && t.project) throw invalid('tracker.project', 'applies to Jira connections; use tracker.repo for GitHub');
    const project = t.project ?? t.repo ?? conn.defaultProject;
    if (!project) throw invalid(conn.kind === 'jira' ? 'tracker.project' : 'tracker.repo', 'is required: the connection has no default');
    return { connectionId: conn.id, kind: conn.kind, project };
  }

  async requestCreation(item: ActionItem, target: TicketTarget, m: EntityManager): Promise<void> {
    item.ticket = {
      ...item.ticket,
      connectionId: target.connectionId,
      project: target.kind === 'jira' ? target.project : null,
      repo: target.kind === 'github' ? target.project : null,
      state: 'pending',
      problem: null,
    };
    await m.getRepository(ActionItem).save(item);
    await this.jobs.send(TICKET_CREATE_QUEUE, { itemId: item.id }, { singletonKey: item.id }, m);
  }
}
