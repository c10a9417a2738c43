import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type ActionItem,
  ActionItemsRepository,
  actionItemView,
  type ActionItemView,
} from '../../action-items/index.js';
import { AuditService } from '../../audit/index.js';
import { type Actor, SYSTEM_ACTOR } from '../../common/roles.js';
import { conflict, DomainError, invalid, notFound } from '../../common/domain-errors.js';
import { ConnectionHealthService } from '../connections/connection-health.service.js';
import { TrackerConnection } from '../connections/tracker-connection.entity.js';
import { TrackerConnectionsService } from '../connections/tracker-connections.service.js';
import { type IssueTracker, TrackerError, type TrackerIssue } from '../issue-tracker.js';
import { TicketApplier } from '../sync/ticket-applier.js';
import { SERVICE_LABEL } from '../sync/tracker-sync.service.js';
import { TicketRequestsService } from '../ticket-requests.service.js';
import { parseTicketUrl } from '../ticket-url.js';
import type { TicketRef } from '../tracker-kind.js';
import { TrackerRegistry, trackerKind } from '../tracker.registry.js';
import type { LinkTicketDto } from './ticket-link.dto.js';
import { FINAL_CODES } from './ticket-update.job.js';

/** A pasted reference with the rules of its tracker kind. */
const refInfo = (ref: TicketRef) => trackerKind(ref.kind).describeRef(ref);

const sameKey = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** Audit actions of `comment`; the first, with its marker, is what makes a comment happen once. */
const COMMENTED = 'ticket.commented';
const COMMENT_FAILED = 'ticket.comment_failed';

export type TicketCommentOutcome = 'commented' | 'skipped' | 'failed';

/**
 * Linking an existing ticket to an item (instead of creating one) and the admin's retry of a
 * failed creation. A link reads the ticket live, so the item starts from the ticket's real
 * state (a closed ticket closes the item) and later syncs see only later changes.
 */
@Injectable()
export class TicketActionsService {
  private readonly logger = new Logger('TicketActions');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly connections: TrackerConnectionsService,
    private readonly registry: TrackerRegistry,
    private readonly health: ConnectionHealthService,
    private readonly applier: TicketApplier,
    private readonly requests: TicketRequestsService,
    private readonly audit: AuditService,
    private readonly items: ActionItemsRepository,
  ) {}

  async link(id: string, dto: LinkTicketDto, actor: Actor): Promise<ActionItemView> {
    const ref = parseTicketUrl(dto.url);
    if (!ref) throw invalid('url', 'is not a Jira issue URL or key, or a GitHub issue URL');
    const found = await this.items.findById(id);
    if (!found) throw notFound('Action item', id);
    const conn = await this.connectionFor(ref, dto.connectionId);
    // Cheap answers first, without calling the tracker: the same link again, or a link that is not allowed.
    if (this.alreadyLinked(found, conn.id, refInfo(ref).key)) return actionItemView(found);
    this.assertLinkable(found, conn.id, refInfo(ref).key);
    const tracker = this.registry.forConnection(conn);
    const issue = await this.withServiceLabels(tracker, await this.fetch(tracker, conn, ref), conn);

    // The HTTP call above ran without the lock; check again under it.
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, id);
      if (!item) throw notFound('Action item', id);
      if (this.alreadyLinked(item, conn.id, issue.key)) return actionItemView(item);
      this.assertLinkable(item, conn.id, issue.key);
      // The unique index ix_action_item_ticket backs this up against a concurrent link (its 23505 answers 409 too).
      const holder = await this.items.findTicketHolder(m, conn.id, issue.key, id);
      if (holder)
        throw conflict(`${issue.key} is already the ticket of action item ${holder.id}`, [
          { field: 'url', problem: `is already linked to action item ${holder.id}` },
        ]);
      const previous = item.ticket.key;
      item.ticket = {
        connectionId: conn.id,
        target: issue.project,
        key: null,
        number: null,
        url: null,
        externalStatus: null,
        lastSyncedAt: null,
        state: 'linked',
        problem: null,
        failureCode: null,
        attemptStartedAt: null,
        // Nothing seen yet: the applier takes the ticket's state, assignee and due date as they are now.
        remoteState: null,
        remoteAssignee: null,
        remoteDueDate: null,
        remoteUpdatedAt: null,
        closeCommentedFor: null,
      };
      await this.applier.apply(m, item, issue, conn.kind, 'link');
      await this.audit.record(
        actor,
        'ticket.linked',
        'action_item',
        id,
        { connectionId: conn.id, key: issue.key, url: issue.url, replaced: previous },
        m,
      );
      return actionItemView(item);
    });
  }

  /**
   * Posts `text` on the item's linked ticket, once per `marker` (a caller's name for the
   * occasion, e.g. a nudge's escalation step): the marker is recorded in the item's audit log
   * after the post, and a later call with the same marker finds it and posts nothing. Callers run
   * it from a queue with one job per (item, marker) at a time (a singleton key), so two calls
   * never race. A temporary tracker failure throws, for the queue to retry; a final one is
   * recorded and answered `failed`. An item without a linked ticket (or a disabled connection) is `skipped`.
   */
  async comment(itemId: string, text: string, marker: string): Promise<TicketCommentOutcome> {
    const item = await this.items.findById(itemId);
    const { state, connectionId, key, target } = item?.ticket ?? {};
    if (state !== 'linked' || !connectionId || !key) return 'skipped';
    const history = await this.audit.forEntity('action_item', itemId);
    if (history.some((a) => a.action === COMMENTED && a.changes.marker === marker)) return 'skipped';
    const conn = await this.connections.find(this.ds.manager, connectionId);
    if (!conn.enabled) return 'skipped';
    const tracker = this.registry.forConnection(conn);
    try {
      // A comment is never retried by the adapter; the marker below keeps a retried job from posting twice.
      await tracker.addComment(await tracker.getIssue(key, target ?? undefined), text);
      await this.health.succeeded(conn.id);
    } catch (err) {
      // A missing ticket is the ticket's problem, not the connection's.
      if (!(err instanceof TrackerError && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT')))
        await this.health.failed(conn.id, err);
      if (!(err instanceof TrackerError && FINAL_CODES.has(err.code))) throw err;
      await this.audit.record(SYSTEM_ACTOR, COMMENT_FAILED, 'action_item', itemId, {
        key,
        marker,
        reason: err.message.slice(0, 500),
      });
      this.logger.warn(`Could not comment on ${key} for item ${itemId} (${marker}): ${err.message}`);
      return 'failed';
    }
    await this.audit.record(SYSTEM_ACTOR, COMMENTED, 'action_item', itemId, { key, marker });
    return 'commented';
  }

  /** Admin: create a failed (or missing) ticket again; the creator looks for the earlier attempt's marker first. */
  async retry(id: string, actor: Actor): Promise<ActionItemView> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, id);
      if (!item) throw notFound('Action item', id);
      const { state, problem } = item.ticket;
      if (state !== 'failed' && state !== 'missing')
        throw conflict(
          `Only a failed or missing ticket can be retried; this item's ticket is ${state ?? 'not requested'}`,
          [{ field: 'ticket.state', problem: `is ${state ?? 'null'}, not failed or missing` }],
        );
      await this.requests.requestRetry(item, m);
      await this.audit.record(
        actor,
        'ticket.retry',
        'action_item',
        id,
        { from: state, problem, key: item.ticket.key, attemptStartedAt: item.ticket.attemptStartedAt },
        m,
      );
      return actionItemView(item);
    });
  }

  private alreadyLinked(item: ActionItem, connectionId: string, key: string): boolean {
    return item.ticket.state === 'linked' && item.ticket.connectionId === connectionId && sameKey(item.ticket.key, key);
  }

  /** A ticket on its way (pending) or another linked ticket is never replaced silently; failed and missing ones may be. */
  private assertLinkable(item: ActionItem, connectionId: string, key: string): void {
    const t = item.ticket;
    if (t.state === 'pending')
      throw conflict(
        'A ticket is being created for this item; wait for it (or for it to fail) before linking another',
        [{ field: 'url', problem: 'cannot replace a ticket being created' }],
      );
    if (t.state === 'linked' && !(t.connectionId === connectionId && sameKey(t.key, key)))
      throw conflict(`The item is already linked to ${t.key ?? 'another ticket'}`, [
        { field: 'url', problem: `cannot replace the linked ticket ${t.key ?? ''}`.trim() },
      ]);
  }

  /** The enabled connection of the reference's kind whose host it names; `connectionId` settles ambiguity. */
  private async connectionFor(ref: TicketRef, connectionId?: string): Promise<TrackerConnection> {
    const spec = trackerKind(ref.kind);
    const kind = spec.name;
    const info = spec.describeRef(ref);
    let candidates = await this.ds
      .getRepository(TrackerConnection)
      .find({ where: { kind: ref.kind, enabled: true }, order: { createdAt: 'ASC' } });
    if (connectionId) {
      candidates = candidates.filter((c) => c.id === connectionId);
      if (!candidates.length) throw invalid('connectionId', `does not refer to an enabled ${kind} connection`);
    }
    if (info.host) candidates = candidates.filter((c) => spec.connectionHost(c) === info.host);
    if (!candidates.length)
      throw invalid(
        'url',
        connectionId ? 'is not on the host of the chosen connection' : 'matches no enabled tracker connection',
      );
    // Data Center sites sharing a host differ by context path.
    const baseUrl = info.baseUrl;
    if (candidates.length > 1 && baseUrl) {
      const exact = candidates.filter((c) => c.baseUrl.replace(/\/+$/, '').toLowerCase() === baseUrl.toLowerCase());
      if (exact.length) candidates = exact;
    }
    if (candidates.length > 1)
      throw invalid(
        'connectionId',
        `is required: ${candidates.length} enabled ${kind} connections could hold ${info.key}`,
      );
    return this.connections.find(this.ds.manager, candidates[0].id);
  }

  /**
   * Puts our labels on the ticket, so the labelled listings of incremental sync see it. A
   * ticket we may read but not edit is still linked: the nightly reconcile fetches it on its own.
   */
  private async withServiceLabels(
    tracker: IssueTracker,
    issue: TrackerIssue,
    conn: TrackerConnection,
  ): Promise<TrackerIssue> {
    try {
      return await tracker.ensureLabels(issue, [SERVICE_LABEL, ...conn.labels]);
    } catch (err) {
      this.logger.warn(
        `Could not label ${issue.key} on ${conn.name}; incremental sync will miss it until the nightly reconcile: ${(err as Error).message}`,
      );
      return issue;
    }
  }

  /** Reads the ticket live; the tracker's failures become answers the caller can act on. */
  private async fetch(tracker: IssueTracker, conn: TrackerConnection, ref: TicketRef): Promise<TrackerIssue> {
    const { key, target: project } = refInfo(ref);
    try {
      const issue = await tracker.getIssue(key, project);
      await this.health.succeeded(conn.id);
      return issue;
    } catch (err) {
      if (!(err instanceof TrackerError)) {
        await this.health.failed(conn.id, err);
        throw err;
      }
      // The tracker answered; the ticket just is not there (or not visible to the connection).
      if (err.code === 'NOT_FOUND')
        throw new DomainError('UNPROCESSABLE', `${key} was not found on ${conn.name}: ${err.message}`, [
          { field: 'url', problem: `names a ticket that ${conn.name} does not have or cannot see` },
        ]);
      await this.health.failed(conn.id, err);
      if (err.code === 'RATE_LIMITED' || err.code === 'TEMPORARY') {
        const retryAfterSeconds = err.retryAfterMs !== undefined ? Math.ceil(err.retryAfterMs / 1000) : undefined;
        const when = retryAfterSeconds !== undefined ? ` (it asks to wait ${retryAfterSeconds} s)` : '';
        throw new DomainError(
          'UNAVAILABLE',
          `${conn.name} is ${err.code === 'RATE_LIMITED' ? 'rate limiting us' : 'not answering'}${when}; nothing was linked, try again later`,
          undefined,
          retryAfterSeconds !== undefined ? { retryAfterSeconds } : undefined,
        );
      }
      const problem =
        err.code === 'FORBIDDEN'
          ? `cannot be read with ${conn.name}'s credentials`
          : `could not be read from ${conn.name}`;
      throw new DomainError('UNPROCESSABLE', `${key}: ${err.message}`, [{ field: 'url', problem }]);
    }
  }
}
