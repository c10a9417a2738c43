import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ActionItem, ActionItemsRepository } from '../action-items/index.js';
import { AuditService } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../common/roles.js';
import { EnvConfig } from '../config/index.js';
import { JobsService } from '../jobs/index.js';
import { ConnectionHealthService } from './connections/connection-health.service.js';
import { TrackerConnectionsService } from './connections/tracker-connections.service.js';
import { type IssueTracker, TrackerError, type TrackerIssue } from './issue-tracker.js';
import { TICKET_CREATE_QUEUE } from './ticket-requests.service.js';
import { rememberTicket } from './sync/ticket-applier.js';
import { TrackerRegistry, trackerKind } from './tracker.registry.js';

/** Errors a retry cannot fix: the item is marked failed at once. */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNKNOWN', 'CONFLICT']);
/** Tries before a temporary failure is given up, for direct calls; the worker passes its queue's retryLimit (job-map.ts). */
const RETRY_LIMIT = 10;

/**
 * Creates an item's ticket exactly once. The attempt's start is recorded before the
 * create call; a later attempt first looks for the marker that attempt left on the
 * ticket, so a crash between creating and recording never yields a second ticket.
 */
@Injectable()
export class TicketCreatorJob implements OnModuleInit {
  private readonly logger = new Logger('TicketCreator');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly connections: TrackerConnectionsService,
    private readonly registry: TrackerRegistry,
    private readonly audit: AuditService,
    private readonly env: EnvConfig,
    private readonly health: ConnectionHealthService,
    private readonly items: ActionItemsRepository,
  ) {}

  onModuleInit(): void {
    // Four at a time per replica: after a crash a backlog of creations clears within minutes
    // (bench:crash). Items are independent; GitHub's content writes stay spaced by its write queue.
    this.jobs.work(TICKET_CREATE_QUEUE, (data, job) => this.run(data.itemId, job.retryCount, job.retryLimit), 4);
  }

  async run(itemId: string, retryCount = 0, retryLimit = RETRY_LIMIT): Promise<void> {
    const item = await this.items.findById(itemId);
    if (!item || item.ticket.state !== 'pending' || !item.ticket.connectionId) return;
    const conn = await this.connections.find(this.ds.manager, item.ticket.connectionId);
    const tracker = this.registry.forConnection(conn);
    const project = item.ticket.target!;
    try {
      if (item.ticket.attemptStartedAt) {
        const found = await tracker.findByMarker(project, item.id, item.ticket.attemptStartedAt);
        if (found) return await this.link(item, found, 'recovered').then(() => this.health.succeeded(conn.id));
      }
      // Durable intent before the call: from here on, a retry searches before creating.
      // The adapters widen the search window for clock skew themselves.
      if (!item.ticket.attemptStartedAt) await this.items.updateTicket(item.id, { attemptStartedAt: new Date() });
      const issue = await tracker.createIssue(await this.input(item, project, tracker));
      await this.link(item, issue, 'created');
      await this.health.succeeded(conn.id);
    } catch (err) {
      await this.health.failed(conn.id, err);
      const final = err instanceof TrackerError && FINAL_CODES.has(err.code);
      if (final || retryCount >= retryLimit) {
        const reason = err instanceof Error ? err.message.slice(0, 500) : String(err);
        const failureCode = err instanceof TrackerError ? err.code : 'UNKNOWN';
        await this.items.updateTicket(item.id, { state: 'failed', problem: reason, failureCode });
        await this.audit.record(SYSTEM_ACTOR, 'ticket.failed', 'action_item', item.id, { reason, failureCode });
        return;
      }
      throw err;
    }
  }

  private async link(item: ActionItem, issue: TrackerIssue, how: 'created' | 'recovered'): Promise<void> {
    await this.items.updateTicket(item.id, { ...rememberTicket(issue), state: 'linked', problem: null });
    await this.audit.record(SYSTEM_ACTOR, `ticket.${how}`, 'action_item', item.id, { key: issue.key, url: issue.url });
    this.logger.log(`Ticket ${issue.key} ${how} for item ${item.id}`);
  }

  private async input(item: ActionItem, project: string, tracker: IssueTracker) {
    // The owner and postmortem as they are now, read through the items' owner (not their tables).
    const loaded = await this.items.findWithOwnerAndPostmortem(item.id);
    if (!loaded?.owner || !loaded.postmortem) throw new Error(`item ${item.id} lost its owner or postmortem`);
    const { owner, postmortem: pm } = loaded;
    const base = this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`;
    const assignee = trackerKind(tracker.kind).identityOf(owner);
    return {
      itemId: item.id,
      project,
      title: item.title,
      description: item.description,
      successCriteria: item.successCriteria,
      dueDate: item.dueDate,
      priority: item.priority,
      ownerName: owner.name,
      assignee: assignee ?? null,
      postmortemTitle: pm.title,
      postmortemUrl: pm.documentUrl ?? `${base}/api/v1/postmortems/${pm.id}`,
    };
  }
}
