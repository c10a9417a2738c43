import type PgBoss from 'pg-boss';
import type { EnvConfig } from '../config/index.js';
import type { TrackerWebhookData } from '../trackers/index.js';

/**
 * Every durable job: its queue name and its payload. `JobsService.send` and `work` are typed by
 * it, so a misspelled queue or a wrong payload does not compile.
 */
export interface JobMap {
  /** Create an accepted item's ticket, exactly once. */
  'ticket-create': { itemId: string };
  /** Bring a linked ticket in line with its item (today: close it when the item was closed here). */
  'ticket-update': { itemId: string };
  /** The scheduled (or admin-started) tracker sync. */
  'tracker-sync': { full?: boolean };
  /** One accepted webhook delivery to apply. */
  'tracker-webhook': TrackerWebhookData;
  /** Forget old webhook delivery ids. */
  'webhook-prune': Record<string, never>;
  /** Overdue nudges (notifications), as of `now` (ISO; default: when it runs). */
  'overdue-nudges': { now?: string };
  /** Weekly digests (notifications), as of `now` (ISO; default: when it runs). */
  'weekly-digest': { now?: string };
  /** Tell an item's new owner (queued by the action-item.created / owner-changed subscriber). */
  'email-assignment': { itemId: string; ownerId: string; at: string };
  /**
   * Post one comment on an item's ticket for a nudge's escalation step (NUDGE_TICKET_COMMENTS),
   * queued with the nudge's delivery row; `marker` names the step, so it is posted once.
   */
  'nudge-ticket-comment': { itemId: string; marker: string; text: string };
  /** Send what the delivery log holds as due (retries after the mail server failed). */
  'email-retry': { now?: string };
}

export type JobName = keyof JobMap;

export interface QueueOptions {
  /** pg-boss policy: `stately` keeps one queued and one active job per singletonKey. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  /**
   * How long a job may stay active before pg-boss fails it (and retries it, if tries are left).
   * This is also how long a job whose worker died waits before it runs again, so it is sized to
   * the job's work, not left at pg-boss's 15 minutes.
   */
  expireInSeconds: number;
}

/**
 * How often pg-boss's supervisor looks for expired jobs. With the expiries below, a ticket
 * creation whose worker was killed is failed at most 60 + 30 s after it started and retried
 * 30-60 s later (TICKET_RETRY_DELAY_SECONDS, with jitter): within 3 minutes of the crash.
 */
export const MAINTENANCE_INTERVAL_SECONDS = 30;

/** Every queue and its options; `JobsService` checks at start-up that each has exactly one handler. */
export function queueOptions(env: EnvConfig): { [K in JobName]: QueueOptions } {
  const ticketRetry = { retryDelay: env.TICKET_RETRY_DELAY_SECONDS, retryBackoff: true };
  return {
    // A marker search (idempotent, retried within the adapter) and one create: seconds, or a
    // few request timeouts when the tracker is slow.
    'ticket-create': { policy: 'stately', retryLimit: 10, ...ticketRetry, expireInSeconds: 60 },
    // Read, comment, close and read back: four requests, each with its own retries.
    'ticket-update': { policy: 'stately', retryLimit: 5, ...ticketRetry, expireInSeconds: 120 },
    // Projects run in parallel, each under a 10-minute lease; a full reconcile of a large
    // tracker is the longest job we have.
    'tracker-sync': { policy: 'stately', retryLimit: 0, retryDelay: 60, retryBackoff: false, expireInSeconds: 1800 },
    // One delivery: at most an identity lookup and a row update.
    'tracker-webhook': { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
    // One DELETE.
    'webhook-prune': { policy: 'stately', retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 60 },
    // Plans every due message, then sends them; a 2,000-message run takes about a minute.
    'overdue-nudges': { policy: 'stately', retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 900 },
    'weekly-digest': { policy: 'stately', retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 900 },
    // One message: a read, an insert and an SMTP hand-off.
    'email-assignment': { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
    // A read and a comment on the tracker; retried like the ticket jobs.
    'nudge-ticket-comment': { policy: 'stately', retryLimit: 5, ...ticketRetry, expireInSeconds: 60 },
    'email-retry': { policy: 'stately', retryLimit: 0, retryDelay: 60, retryBackoff: false, expireInSeconds: 900 },
  };
}

export type JobHandler<K extends JobName> = (
  data: JobMap[K],
  job: PgBoss.JobWithMetadata<JobMap[K]>,
) => Promise<unknown>;
