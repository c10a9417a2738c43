import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionItemsRepository } from '../../action-items/index.js';
import { DomainError } from '../../common/domain-errors.js';
import { JobsService } from '../../jobs/index.js';
import { ConnectionHealthService } from '../connections/connection-health.service.js';
import type { TrackerConnection } from '../connections/tracker-connection.entity.js';
import { TrackerConnectionsService } from '../connections/tracker-connections.service.js';
import { type IssueTracker, TrackerError, type TrackerIssue } from '../issue-tracker.js';
import { TicketApplier } from '../sync/ticket-applier.js';
import type { WebhookChange } from '../tracker-kind.js';
import { TrackerRegistry, trackerKind } from '../tracker.registry.js';
import { TRACKER_WEBHOOK_QUEUE, type TrackerWebhookData } from './webhook-intake.service.js';

export type WebhookResult = 'applied' | 'unchanged' | 'own-change' | 'unknown-ticket' | 'unreadable' | 'no-connection';

/**
 * Processes an accepted delivery: finds the item whose ticket it is about and applies the
 * ticket's state (or flags it missing when deleted, transferred or moved). Our own writes
 * are ignored by actor, so they never echo back. Tracker errors rethrow: pg-boss retries.
 */
@Injectable()
export class TrackerWebhookJob implements OnModuleInit {
  private readonly logger = new Logger('TrackerWebhookJob');
  /** The bot identity per connection, with a fingerprint of the credentials it was read with. */
  private readonly selves = new Map<string, { fingerprint: string; identity: string }>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly connections: TrackerConnectionsService,
    private readonly registry: TrackerRegistry,
    private readonly applier: TicketApplier,
    private readonly health: ConnectionHealthService,
    private readonly items: ActionItemsRepository,
  ) {}

  onModuleInit(): void {
    // Deliveries of one ticket may run out of order: the applier skips stale views under the row lock.
    this.jobs.work(TRACKER_WEBHOOK_QUEUE, (data) => this.process(data), 2);
  }

  async process(data: TrackerWebhookData): Promise<WebhookResult> {
    const conn = await this.connections.find(this.ds.manager, data.connectionId).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    if (!conn || !conn.enabled) return 'no-connection';
    let change: WebhookChange;
    try {
      change = trackerKind(conn.kind).webhooks.change(data.payload, conn);
    } catch (err) {
      // A retry cannot make an unreadable payload readable.
      this.logger.warn(
        `Unreadable ${data.source} delivery for connection ${conn.name}: ${err instanceof Error ? err.message : String(err)}`,
      );
      return 'unreadable';
    }
    const itemId = await this.itemFor(conn, change.key);
    if (!itemId) return 'unknown-ticket';
    // An unsigned delivery's actor proves nothing either way; re-reading our own change is harmless.
    const verified = data.verified !== false;
    if (verified && change.actor && sameIdentity(conn, change.actor, await this.selfIdentity(conn)))
      return 'own-change';
    // Anyone can send an unsigned delivery, so it is a hint to look, not what to apply; nor
    // is a payload that lacks a field the ticket's state depends on (GitHub's pinned/unpinned).
    if (!verified || (change.kind === 'apply' && change.incomplete)) change = await this.reread(conn, change);

    let changed = await this.applyChange(conn, itemId, change, false);
    if (changed === 'reread') changed = await this.applyChange(conn, itemId, await this.reread(conn, change), true);
    if (changed === true) this.logger.log(`Webhook from ${conn.name} updated item ${itemId} (${change.key})`);
    return changed === true ? 'applied' : 'unchanged';
  }

  /** 'reread' when the delivery and the item's last view of the ticket are the same second and disagree. */
  private applyChange(
    conn: TrackerConnection,
    itemId: string,
    change: WebhookChange,
    reread: boolean,
  ): Promise<boolean | 'reread'> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, itemId);
      if (!item || item.ticket.connectionId !== conn.id || !sameKey(conn, item.ticket.key, change.key)) return false;
      if (item.ticket.state !== 'linked' && item.ticket.state !== 'missing') return false;
      if (change.kind === 'missing') return this.applier.markMissing(m, item, change.reason, 'webhook');
      // GitHub times are whole seconds: an older view with the close's second is not recognisably older.
      const seen = item.ticket.remoteUpdatedAt;
      if (
        !reread &&
        seen &&
        Math.floor(Date.parse(change.issue.updatedAt) / 1000) === Math.floor(seen.getTime() / 1000) &&
        change.issue.state !== item.ticket.remoteState
      )
        return 'reread';
      return this.applier.apply(m, item, change.issue, conn.kind, 'webhook');
    });
  }

  /** The ticket as the tracker has it now (the payload only said which ticket to look at). */
  private async reread(conn: TrackerConnection, change: WebhookChange): Promise<WebhookChange> {
    const tracker: IssueTracker = this.registry.forConnection(conn);
    let issue: TrackerIssue;
    try {
      issue = await tracker.getIssue(change.key);
    } catch (err) {
      if (err instanceof TrackerError && err.code === 'NOT_FOUND')
        return { kind: 'missing', key: change.key, actor: null, reason: `${change.key} was deleted or moved away` };
      await this.health.failed(conn.id, err);
      throw err;
    }
    // Jira answers a moved issue's old key with the issue under its new key.
    if (!sameKey(conn, issue.key, change.key))
      return { kind: 'missing', key: change.key, actor: null, reason: `${change.key} was moved to ${issue.key}` };
    return { kind: 'apply', key: change.key, actor: null, issue };
  }

  /** The item whose ticket this is (linked, or flagged missing and perhaps back). */
  private async itemFor(conn: TrackerConnection, key: string): Promise<string | null> {
    // GitHub owner and repository names are case-insensitive; Jira keys are upper case.
    return this.items.findIdByTicket(conn.id, key, trackerKind(conn.kind).keysIgnoreCase);
  }

  private async selfIdentity(conn: TrackerConnection): Promise<string> {
    const fingerprint = createHash('sha256')
      .update(`${conn.baseUrl}\n${conn.email ?? ''}\n${conn.token}`)
      .digest('hex');
    const cached = this.selves.get(conn.id);
    if (cached?.fingerprint === fingerprint) return cached.identity;
    const tracker: IssueTracker = this.registry.forConnection(conn);
    try {
      const identity = await tracker.selfIdentity();
      this.selves.set(conn.id, { fingerprint, identity });
      return identity;
    } catch (err) {
      await this.health.failed(conn.id, err);
      throw err;
    }
  }
}

/** Whether two identities are one account, by the connection's kind (case rules differ). */
function sameIdentity(conn: TrackerConnection, a: string, b: string): boolean {
  return trackerKind(conn.kind).sameIdentity(a, b, conn.flavor);
}

function sameKey(conn: TrackerConnection, a: string | null, b: string): boolean {
  return a !== null && (trackerKind(conn.kind).keysIgnoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
}
