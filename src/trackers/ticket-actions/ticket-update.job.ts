import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ActionItem, ActionItemsRepository, isClosed } from '../../action-items/index.js';
import { AuditService } from '../../audit/index.js';
import { SYSTEM_ACTOR } from '../../common/roles.js';
import { EventsService } from '../../events/index.js';
import { JobsService } from '../../jobs/index.js';
import { ConnectionHealthService } from '../connections/connection-health.service.js';
import { TrackerConnectionsService } from '../connections/tracker-connections.service.js';
import { TrackerError, type TrackerIssue } from '../issue-tracker.js';
import { rememberTicket } from '../sync/ticket-applier.js';
import { TICKET_UPDATE_QUEUE } from '../ticket-requests.service.js';
import { TrackerRegistry } from '../tracker.registry.js';

/** Errors a retry cannot fix: the item is flagged at once. UNKNOWN (a 400/422, a TLS problem) does not heal either. */
export const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNKNOWN']);
/** Tries before a temporary failure is given up, for direct calls; the worker passes its queue's retryLimit (job-map.ts). */
const RETRY_LIMIT = 5;
const CLOSE_PROBLEM = 'Could not close ';
const COMMENTED = 'ticket.close_commented';

export type TicketUpdateOutcome = 'closed' | 'skipped' | 'failed';

/**
 * Closes an item's ticket after the item was closed here (queued by its `action-item.closed`
 * event, in the transaction that closed it). It comments, closes, reads the ticket back and remembers it, so the next
 * sync sees our own close as nothing new instead of echoing it onto the item.
 */
@Injectable()
export class TicketUpdateJob implements OnModuleInit {
  private readonly logger = new Logger('TicketUpdate');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly connections: TrackerConnectionsService,
    private readonly registry: TrackerRegistry,
    private readonly health: ConnectionHealthService,
    private readonly audit: AuditService,
    private readonly items: ActionItemsRepository,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.jobs.work(TICKET_UPDATE_QUEUE, (data, job) => this.run(data.itemId, job.retryCount, job.retryLimit));
    // Only a close made here: closes that came from the tracker (sync, webhooks, a link) are already on the ticket.
    this.events.on('action-item.closed', async (e, m) => {
      if (e.source === 'api' && e.ticketLinked)
        await this.jobs.send(TICKET_UPDATE_QUEUE, { itemId: e.itemId }, { singletonKey: e.itemId }, m);
    });
  }

  async run(itemId: string, retryCount = 0, retryLimit = RETRY_LIMIT): Promise<TicketUpdateOutcome> {
    const item = await this.items.findById(itemId);
    // Reopened here before the job ran, or the ticket changed hands: nothing to close.
    if (
      !item ||
      !isClosed(item.status) ||
      item.ticket.state !== 'linked' ||
      !item.ticket.connectionId ||
      !item.ticket.key
    )
      return 'skipped';
    const conn = await this.connections.find(this.ds.manager, item.ticket.connectionId);
    if (!conn.enabled) return 'skipped';
    const tracker = this.registry.forConnection(conn);
    const key = item.ticket.key;
    const project = item.ticket.target ?? undefined;
    try {
      let issue = await tracker.getIssue(key, project);
      // Already closed (a person did it, or an earlier try got this far): leave it, and let sync apply what they chose.
      if (issue.state !== 'open') {
        await this.health.succeeded(conn.id);
        return 'skipped';
      }
      const current = await this.items.findById(itemId);
      if (!current || !isClosed(current.status) || current.ticket.key !== key) return 'skipped';
      const as = current.status === 'done' ? 'done' : 'wont_do';
      // A comment is never retried by the adapter; a retried job must not post it twice either.
      if (!commented(current)) {
        await tracker.addComment(issue, closingComment(current));
        await this.items.updateTicket(itemId, { closeCommentedFor: current.closedAt });
        await this.audit.record(SYSTEM_ACTOR, COMMENTED, 'action_item', itemId, {
          key,
          closedAt: current.closedAt?.toISOString() ?? null,
        });
      }
      await tracker.close(issue, as);
      issue = await tracker.getIssue(key, project);
      await this.remember(itemId, conn.id, issue, as);
      await this.health.succeeded(conn.id);
      return 'closed';
    } catch (err) {
      const final = err instanceof TrackerError && FINAL_CODES.has(err.code);
      // A missing ticket or an impossible transition is the ticket's problem, not the connection's.
      if (!(err instanceof TrackerError && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT')))
        await this.health.failed(conn.id, err);
      if (!final && retryCount < retryLimit) throw err;
      const message = err instanceof Error ? err.message : String(err);
      const problem = `${CLOSE_PROBLEM}${key}: ${message}`.slice(0, 500);
      await this.items.updateTicket(itemId, { problem });
      await this.audit.record(SYSTEM_ACTOR, 'ticket.close_failed', 'action_item', itemId, {
        key,
        reason: message.slice(0, 500),
      });
      this.logger.warn(`Could not close ${key} for item ${itemId}: ${message}`);
      return 'failed';
    }
  }

  /** Stores the ticket as we left it, under the item's lock, if the item still holds that ticket. */
  private async remember(
    itemId: string,
    connectionId: string,
    issue: TrackerIssue,
    as: 'done' | 'wont_do',
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, itemId);
      if (
        !item ||
        item.ticket.state !== 'linked' ||
        item.ticket.connectionId !== connectionId ||
        item.ticket.key !== issue.key
      )
        return;
      // An earlier failed close is resolved now; other problems (an unknown assignee) stay.
      const problem = item.ticket.problem?.startsWith(CLOSE_PROBLEM) ? null : item.ticket.problem;
      await this.items.updateTicket(itemId, { ...rememberTicket(issue), problem }, m);
      await this.audit.record(
        SYSTEM_ACTOR,
        'ticket.closed',
        'action_item',
        itemId,
        { key: issue.key, as, externalStatus: issue.externalStatus },
        m,
      );
    });
    this.logger.log(`Closed ${issue.key} as ${as}`);
  }
}

/** Whether this close (same closedAt) already left its comment on an earlier try. */
function commented(item: ActionItem): boolean {
  const { closeCommentedFor } = item.ticket;
  return closeCommentedFor !== null && item.closedAt?.getTime() === closeCommentedFor.getTime();
}

function closingComment(item: ActionItem): string {
  const title = item.title.replace(/[.\s]+$/, '');
  return item.status === 'done'
    ? `Marked done in the remediation tracker: ${title}.`
    : `Marked won't do in the remediation tracker: ${title}. Reason: ${item.wontDoReason ?? 'none given'}`;
}
