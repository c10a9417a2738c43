import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ActionItem, ActionItemsRepository } from '../../action-items/index.js';
import { EnvConfig } from '../../config/index.js';
import { ConnectionHealthService } from '../connections/connection-health.service.js';
import { SyncCursor } from '../connections/sync-cursor.entity.js';
import { TrackerConnection } from '../connections/tracker-connection.entity.js';
import { TrackerConnectionsService } from '../connections/tracker-connections.service.js';
import { type IssueTracker, TrackerError, type TrackerIssue } from '../issue-tracker.js';
import { countRequests } from '../http/request-counter.js';
import { TicketRequestsService } from '../ticket-requests.service.js';
import { TrackerMetrics } from '../tracker.metrics.js';
import { TrackerRegistry } from '../tracker.registry.js';
import { TicketApplier, ticketDiffers } from './ticket-applier.js';

/** The label every ticket of ours carries; listings filter on it. */
export const SERVICE_LABEL = 'postmortem';
/** How long a replica may hold a project before another assumes it died. */
const LEASE_MS = 10 * 60_000;
/** Projects synced at once. */
const PARALLEL_PROJECTS = 4;

export interface ProjectSyncResult {
  connectionId: string;
  connection: string;
  project: string;
  mode: 'incremental' | 'full';
  checked: number;
  changed: number;
  requests: number;
  /** GitHub answered 304: nothing changed, no rate limit spent. */
  notModified: boolean;
  /** Another replica was syncing this project. */
  skipped?: boolean;
  error?: string;
}

export interface SyncResult {
  /** Tickets looked at (listed or fetched). */
  checked: number;
  /** Action items whose record changed. */
  changed: number;
  /** HTTP requests sent to trackers. */
  requests: number;
  /** Tickets whose creation had failed while their tracker was unreachable, queued again now that it answers. */
  requeued: number;
  durationMs: number;
  projects: ProjectSyncResult[];
}

export interface SyncOptions {
  /** List every ticket, not just those changed since the last sync (the nightly reconcile). */
  full?: boolean;
  /** Wait for a project another replica is syncing instead of skipping it. */
  wait?: boolean;
}

/** The last reconcile boundary: today's reconcile hour (UTC) if passed, else yesterday's. */
export function lastReconcileBoundary(now: Date, hourUtc: number): Date {
  const b = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (b > now) b.setUTCDate(b.getUTCDate() - 1);
  return b;
}

/**
 * Brings items in line with their tickets. Per connection and project: one batched,
 * incremental listing (label + updated since the last sync minus a margin; GitHub with
 * its ETag), a full listing once a night, and a fetch of just the linked tickets the
 * full listing did not return, to tell a deleted or moved ticket from an unlabelled one.
 */
@Injectable()
export class TrackerSyncService {
  private readonly logger = new Logger('TrackerSync');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly connections: TrackerConnectionsService,
    private readonly registry: TrackerRegistry,
    private readonly applier: TicketApplier,
    private readonly health: ConnectionHealthService,
    private readonly metrics: TrackerMetrics,
    private readonly env: EnvConfig,
    private readonly tickets: TicketRequestsService,
    private readonly items: ActionItemsRepository,
  ) {}

  async run(options: SyncOptions = {}): Promise<SyncResult> {
    const started = Date.now();
    const targets = await this.items.linkedTicketTargets();
    const byConnection = new Map<string, { conn: TrackerConnection; tracker: IssueTracker }>();
    for (const { connectionId } of targets) {
      if (byConnection.has(connectionId)) continue;
      const conn = await this.connections.find(this.ds.manager, connectionId);
      byConnection.set(connectionId, { conn, tracker: this.registry.forConnection(conn) });
    }
    const projects: ProjectSyncResult[] = [];
    const queue = [...targets];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { conn, tracker } = byConnection.get(next.connectionId)!;
        projects.push(await this.syncProject(conn, tracker, next.project, options));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PROJECTS, targets.length) }, worker));
    for (const [id] of byConnection) {
      const mine = projects.filter((p) => p.connectionId === id && !p.skipped);
      if (mine.length && !mine.some((p) => p.error)) await this.health.succeeded(id);
    }
    const healing = await this.requeueAfterOutages(byConnection, projects);
    const sum = (f: 'checked' | 'changed' | 'requests') => projects.reduce((n, p) => n + p[f], 0);
    const result = {
      checked: sum('checked'),
      changed: sum('changed'),
      requests: sum('requests') + healing.requests,
      requeued: healing.requeued,
      durationMs: Date.now() - started,
      projects,
    };
    this.logger.log(
      `Tracker sync: ${result.checked} checked, ${result.changed} changed, ${result.requeued} requeued, ${result.requests} requests in ${result.durationMs} ms over ${projects.length} project(s)`,
    );
    return result;
  }

  private async syncProject(
    conn: TrackerConnection,
    tracker: IssueTracker,
    project: string,
    options: SyncOptions,
  ): Promise<ProjectSyncResult> {
    const base = {
      connectionId: conn.id,
      connection: conn.name,
      project,
      checked: 0,
      changed: 0,
      requests: 0,
      notModified: false,
    };
    const cursor = await this.claim(conn.id, project, options.wait ?? false);
    if (!cursor) return { ...base, mode: options.full ? 'full' : 'incremental', skipped: true };
    const startedAt = new Date();
    const full =
      Boolean(options.full) ||
      !cursor.lastSyncedAt ||
      !cursor.lastFullSyncAt ||
      cursor.lastFullSyncAt < lastReconcileBoundary(startedAt, this.env.TRACKER_RECONCILE_HOUR_UTC);
    const result: ProjectSyncResult = { ...base, mode: full ? 'full' : 'incremental' };
    const next: Partial<SyncCursor> = {};
    try {
      const wanted = full
        ? null
        : new Date(cursor.lastSyncedAt!.getTime() - this.env.TRACKER_SYNC_MARGIN_MINUTES * 60_000);
      // GitHub: keep asking with the `since` whose ETag we hold, so an unchanged repository answers 304.
      const reuse = !full && cursor.etag && cursor.etagSince ? cursor.etagSince : null;
      const since = reuse ?? wanted;
      const listing = await tracker.listChanged({
        project,
        label: SERVICE_LABEL,
        since,
        etag: reuse ? cursor.etag : null,
      });
      result.requests += listing.requests;
      result.notModified = listing.notModified;
      result.checked += listing.issues.length;
      // After a 200 on an old `since`, start afresh from the wanted one so the window stays small.
      if (!listing.notModified)
        Object.assign(
          next,
          reuse || !listing.etag ? { etag: null, etagSince: null } : { etag: listing.etag, etagSince: since },
        );
      // A quiet incremental listing (a 304, or nothing changed) needs no item from the database.
      const items =
        full || listing.issues.length
          ? await this.items.linkedInProject(conn.id, project)
          : new Map<string, ActionItem>();
      const seen = new Set<string>();
      for (const issue of listing.issues) {
        const item = items.get(issue.key);
        if (!item) continue;
        seen.add(issue.key);
        if (ticketDiffers(item.ticket, issue) && (await this.apply(item.id, issue, conn.kind))) result.changed++;
      }
      if (full) {
        // Not in the full listing: deleted, moved, or its label was removed. Ask for each.
        for (const [key, item] of items) {
          if (seen.has(key)) continue;
          result.checked++;
          const fetched = await countRequests(() =>
            tracker.getIssue(key, project).then(
              (issue) => ({ issue }),
              (err: unknown) => {
                if (err instanceof TrackerError && err.code === 'NOT_FOUND')
                  return { gone: `${key} is gone (deleted, moved or no longer visible): ${err.message}` };
                throw err;
              },
            ),
          );
          result.requests += fetched.requests;
          const outcome = fetched.result;
          const changed =
            'issue' in outcome
              ? ticketDiffers(item.ticket, outcome.issue) && (await this.apply(item.id, outcome.issue, conn.kind))
              : await this.missing(item.id, outcome.gone);
          if (changed) result.changed++;
        }
      }
      await this.items.markProjectSynced(conn.id, project, startedAt);
      Object.assign(next, { lastSyncedAt: startedAt, ...(full ? { lastFullSyncAt: startedAt } : {}) });
    } catch (err) {
      result.error = err instanceof Error ? err.message : String(err);
      await this.health.failed(conn.id, err);
      this.logger.warn(`Sync of ${conn.name} ${project} failed; it will be retried next cycle: ${result.error}`);
    } finally {
      await this.ds.getRepository(SyncCursor).update({ connectionId: conn.id, project }, { ...next, leaseUntil: null });
      this.metrics.requests.inc({ kind: conn.kind, operation: 'sync' }, result.requests);
    }
    return result;
  }

  /**
   * Tickets whose creation gave up because the tracker was down or rate limiting are queued
   * again once it answers: a successful sync of the connection proves it, else a credential
   * check (one or two requests) does. A connection that still fails is left for next time.
   */
  private async requeueAfterOutages(
    synced: Map<string, { conn: TrackerConnection; tracker: IssueTracker }>,
    projects: ProjectSyncResult[],
  ): Promise<{ requeued: number; requests: number }> {
    const ids = await this.items.connectionsWithTemporaryFailures();
    let requeued = 0;
    let requests = 0;
    for (const id of ids) {
      const mine = projects.filter((p) => p.connectionId === id && !p.skipped);
      if (mine.some((p) => p.error)) continue;
      if (!mine.length) {
        const tracker =
          synced.get(id)?.tracker ?? this.registry.forConnection(await this.connections.find(this.ds.manager, id));
        const check = await countRequests(() =>
          tracker.testConnection().then(
            () => null,
            (err: unknown) => err,
          ),
        );
        requests += check.requests;
        if (check.result) {
          await this.health.failed(id, check.result);
          continue;
        }
        await this.health.succeeded(id);
      }
      const ids = await this.ds.transaction((m) => this.tickets.requeueTemporaryFailures(id, m));
      if (ids.length)
        this.logger.log(`Connection ${id} answers again: ${ids.length} failed ticket(s) queued for creation again`);
      requeued += ids.length;
    }
    return { requeued, requests };
  }

  /** Takes the project's lease; null when another replica holds it (unless asked to wait). */
  private async claim(connectionId: string, project: string, wait: boolean): Promise<SyncCursor | null> {
    await this.ds.query(
      `INSERT INTO tracker_sync_cursor (connection_id, project) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [connectionId, project],
    );
    const deadline = Date.now() + LEASE_MS;
    for (;;) {
      const [rows] = await this.ds.query<[unknown[], number]>(
        `UPDATE tracker_sync_cursor SET lease_until = now() + make_interval(secs => $3)
          WHERE connection_id = $1 AND project = $2 AND (lease_until IS NULL OR lease_until < now())
          RETURNING connection_id`,
        [connectionId, project, LEASE_MS / 1000],
      );
      if (rows.length) return this.ds.getRepository(SyncCursor).findOneByOrFail({ connectionId, project });
      if (!wait || Date.now() > deadline) return null;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private apply(itemId: string, issue: TrackerIssue, kind: TrackerConnection['kind']): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, itemId);
      if (!item || item.ticket.key !== issue.key) return false;
      return this.applier.apply(m, item, issue, kind, 'sync');
    });
  }

  private missing(itemId: string, reason: string): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, itemId);
      return item ? this.applier.markMissing(m, item, reason, 'sync') : false;
    });
  }
}
