import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ClaimedDelivery, EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailSendError, EmailSender } from './email-sender.js';
import { NotificationMetrics } from './notification.metrics.js';
import { NotificationSettings } from './notification-settings.js';

export interface DispatchResult {
  sent: number;
  failed: number;
  /** Refused for now, written back with a later attempt time. */
  retrying: number;
}

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

  /** Drains due messages with `parallel` senders; resolves when none is left to claim. */
  async drain(parallel = 4): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, retrying: 0 };
    if (!this.sender.delivers) return result;
    for (const { kind } of await this.deliveries.failInterrupted()) this.metrics.count(kind, 'interrupted');
    const worker = async () => {
      for (;;) {
        if (this.stopping) return;
        const d = await this.deliveries.claimNext();
        if (!d) return;
        result[await this.attempt(d)]++;
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return result;
  }

  private async attempt(d: ClaimedDelivery): Promise<keyof DispatchResult> {
    try {
      await this.sender.send({
        from: this.settings.from,
        replyTo: this.settings.replyTo,
        to: d.recipientEmail,
        cc: d.cc,
        subject: d.subject,
        text: d.text,
        html: d.html,
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
