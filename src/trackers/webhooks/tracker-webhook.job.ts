import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionItem } from '../../action-items/action-item.entity.js';
import { DomainError } from '../../common/domain-errors.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { ConnectionHealthService } from '../connections/connection-health.service.js';
import type { TrackerConnection } from '../connections/tracker-connection.entity.js';
import { TrackerConnectionsService } from '../connections/tracker-connections.service.js';
import { type GithubIssuesWebhook, parseGithubWebhook } from '../github/github.mapper.js';
import type { IssueTracker, TrackerIssue } from '../issue-tracker.js';
import { type JiraWebhookPayload, parseJiraWebhook } from '../jira/jira.mapper.js';
import { TicketApplier } from '../sync/ticket-applier.js';
import { TrackerRegistry } from '../tracker.registry.js';
import { TRACKER_WEBHOOK_QUEUE, type TrackerWebhookData } from './webhook-intake.service.js';

/** What one delivery means for our items, in tracker-neutral terms. */
type WebhookChange =
  | { kind: 'apply'; key: string; actor: string | null; issue: TrackerIssue }
  | { kind: 'missing'; key: string; actor: string | null; reason: string };

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
  ) {}

  onModuleInit(): void {
    // Deliveries of one ticket may run out of order: the applier skips stale views under the row lock.
    this.jobs.register<TrackerWebhookData>(
      { name: TRACKER_WEBHOOK_QUEUE, retryLimit: 5, retryDelay: 5, retryBackoff: true },
      (data) => this.process(data),
      2,
    );
  }

  async process(data: TrackerWebhookData): Promise<WebhookResult> {
    const conn = await this.connections.find(this.ds.manager, data.connectionId).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    if (!conn || !conn.enabled) return 'no-connection';
    let change: WebhookChange;
    try {
      change = this.changeOf(conn, data.payload);
    } catch (err) {
      // A retry cannot make an unreadable payload readable.
      this.logger.warn(
        `Unreadable ${data.source} delivery for connection ${conn.name}: ${err instanceof Error ? err.message : String(err)}`,
      );
      return 'unreadable';
    }
    const itemId = await this.itemFor(conn, change.key);
    if (!itemId) return 'unknown-ticket';
    if (change.actor && sameIdentity(conn, change.actor, await this.selfIdentity(conn))) return 'own-change';

    const changed = await this.ds.transaction(async (m) => {
      const item = await m
        .getRepository(ActionItem)
        .findOne({ where: { id: itemId }, lock: { mode: 'pessimistic_write' } });
      if (!item || item.ticket.connectionId !== conn.id || !sameKey(conn, item.ticket.key, change.key)) return false;
      if (item.ticket.state !== 'linked' && item.ticket.state !== 'missing') return false;
      return change.kind === 'missing'
        ? this.applier.markMissing(m, item, change.reason, 'webhook')
        : this.applier.apply(m, item, change.issue, conn.kind, 'webhook');
    });
    if (changed) this.logger.log(`Webhook from ${conn.name} updated item ${itemId} (${change.key})`);
    return changed ? 'applied' : 'unchanged';
  }

  private changeOf(conn: TrackerConnection, payload: Record<string, unknown>): WebhookChange {
    if (conn.kind === 'github') {
      const body = payload as unknown as GithubIssuesWebhook;
      const c = parseGithubWebhook(body);
      if (!c.gone) return { kind: 'apply', key: c.issue.key, actor: c.actor || null, issue: c.issue };
      const to = body.changes?.new_repository?.full_name;
      const number = body.changes?.new_issue?.number;
      const reason =
        c.action === 'transferred'
          ? `${c.issue.key} was transferred to ${to && number ? `${to}#${number}` : (to ?? 'another repository')}`
          : `${c.issue.key} was deleted on GitHub`;
      return { kind: 'missing', key: c.issue.key, actor: c.actor || null, reason };
    }
    const body = payload as unknown as JiraWebhookPayload;
    const c = parseJiraWebhook(body, conn.baseUrl, conn.flavor === 'datacenter' ? 'datacenter' : 'cloud');
    if (c.deleted)
      return { kind: 'missing', key: c.issue.key, actor: c.actor, reason: `${c.issue.key} was deleted in Jira` };
    // A move to another project changes the key: the item knows the old one.
    const moved = body.changelog?.items?.find(
      (i) => i.field?.toLowerCase() === 'key' && typeof i.fromString === 'string' && i.fromString !== c.issue.key,
    );
    if (moved && typeof moved.fromString === 'string')
      return {
        kind: 'missing',
        key: moved.fromString,
        actor: c.actor,
        reason: `${moved.fromString} was moved to ${c.issue.key} in Jira`,
      };
    return { kind: 'apply', key: c.issue.key, actor: c.actor, issue: c.issue };
  }

  /** The item whose ticket this is (linked, or flagged missing and perhaps back). */
  private async itemFor(conn: TrackerConnection, key: string): Promise<string | null> {
    const qb = this.ds
      .getRepository(ActionItem)
      .createQueryBuilder('ai')
      .select('ai.id')
      .where('ai.ticket_connection_id = :connectionId', { connectionId: conn.id })
      .andWhere("ai.ticket_state IN ('linked', 'missing')");
    // GitHub owner and repository names are case-insensitive; Jira keys are upper case.
    if (conn.kind === 'github') qb.andWhere('lower(ai.ticket_key) = lower(:key)', { key });
    else qb.andWhere('ai.ticket_key = :key', { key });
    return (await qb.getOne())?.id ?? null;
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

/** GitHub logins and Jira Data Center names ignore case; Jira Cloud account ids are exact. */
function sameIdentity(conn: TrackerConnection, a: string, b: string): boolean {
  return conn.kind === 'jira' && conn.flavor === 'cloud' ? a === b : a.toLowerCase() === b.toLowerCase();
}

function sameKey(conn: TrackerConnection, a: string | null, b: string): boolean {
  return a !== null && (conn.kind === 'github' ? a.toLowerCase() === b.toLowerCase() : a === b);
}
