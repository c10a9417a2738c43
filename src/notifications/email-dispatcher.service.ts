import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ClaimedDelivery, EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailSendError, EmailSender } from './email-sender.js';
import { NotificationMetrics } from './notification.metrics.js';
import { NotificationSettings } from './notification-settings.js';

/** A message's parts, by delivery key, that a drain's caller already holds. */
export type KnownContent = ReadonlyMap<string, { html: string; text: string }>;

export interface DispatchResult {
  sent: number;
  failed: number;
  /** Refused for now, written back with a later attempt time. */
  retrying: number;
}

/**
 * Messages handed to the mail server at once by a drain (and SMTP connections kept open, so a
 * sender never waits for a connection another one holds).
 */
export const SEND_PARALLEL = 4;

/** First retry after 1 minute, doubling, at most an hour apart (with jitter). */
export function retryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * Sends what the delivery log holds as `pending` and due. Each message is claimed by one
 * statement (so replicas share the work and never take the same row), handed to the mail
 * server, then marked: sent, retried later with backoff, or failed after MAIL_RETRY_HOURS.
 */
@Injectable()
export class EmailDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger('EmailDispatcher');
  private stopping = false;

  constructor(
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly sender: EmailSender,
    private readonly metrics: NotificationMetrics,
    private readonly settings: NotificationSettings,
  ) {}

  /**
   * Drains due messages with `parallel` senders; resolves when none is left to claim.
   *
   * A message is only handed to the server after its row was claimed, and its outcome must be
   * written back. Once any of that fails (the database is gone, or just this connection), no
   * sender claims another message: what the run can no longer record, it must not send. The
   * drain rejects only after every sender has settled, so nothing of this run is still in
   * flight when its caller hears it failed; rows left `sending` are never sent again.
   *
   * `known`: the parts of messages the caller has just written, so that those are sent from
   * memory instead of being read back from the log (which rows are sent, and when, is still
   * decided by the claim alone).
   */
  async drain(parallel = SEND_PARALLEL, known?: KnownContent): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, retrying: 0 };
    if (!this.sender.delivers) return result;
    for (const { kind } of await this.deliveries.failInterrupted()) this.metrics.count(kind, 'interrupted');
    const keys = known ? [...known.keys()] : [];
    let broken = false;
    const worker = async () => {
      try {
        while (!this.stopping && !broken) {
          const d = await this.deliveries.claimNext(keys);
          // A row claimed just now is sent even if another sender failed meanwhile: left
          // unsent it would stay `sending`, and be lost.
          if (!d) return;
          result[await this.attempt(d, d.html === null && d.key ? known?.get(d.key) : undefined)]++;
        }
      } catch (err) {
        broken = true;
        throw err;
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: parallel }, worker));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      this.logger.error({ err: failure.reason as unknown }, 'email delivery log unreachable; stopped sending');
      throw failure.reason;
    }
    return result;
  }

  private async attempt(d: ClaimedDelivery, held?: { html: string; text: string }): Promise<keyof DispatchResult> {
    try {
      const html = held?.html ?? d.html;
      const text = held?.text ?? d.text;
      if (html === null || text === null) throw new Error(`delivery ${d.id}: claimed without its content`);
      await this.sender.send({
        from: this.settings.from,
        replyTo: this.settings.replyTo,
        to: d.recipientEmail,
        cc: d.cc,
        subject: d.subject,
        text,
        html,
        messageId: d.messageId,
        headers: d.headers,
      });
    } catch (err) {
      const e = err instanceof EmailSendError ? err : new EmailSendError('TEMPORARY', String(err));
      const giveUp =
        e.code === 'PERMANENT' || Date.now() - d.createdAt.getTime() > this.settings.retryHours * 3_600_000;
      if (giveUp) {
        await this.deliveries.markFailed(d.id, e.message);
        this.metrics.count(d.kind, 'failed');
        this.logger.warn({ delivery: d.id, kind: d.kind, error: e.message }, 'email failed; not retried');
        return 'failed';
      }
      await this.deliveries.markRetry(d.id, e.message, new Date(Date.now() + retryDelayMs(d.attempts)));
      this.metrics.count(d.kind, 'retried');
      return 'retrying';
    }
    await this.deliveries.markSent(d.id);
    this.metrics.count(d.kind, 'sent');
    return 'sent';
  }

  onApplicationShutdown(): void {
    this.stopping = true;
  }
}
