import { Injectable } from '@nestjs/common';
import { localDate } from './calendar.js';
import { EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailDispatcher } from './email-dispatcher.service.js';
import type { JobResult } from './job-result.js';
import { MessageComposer } from './message-composer.js';
import { NotificationMetrics } from './notification.metrics.js';
import { ReminderFactsRepository } from './reminder-facts.repository.js';

export interface AssignmentNotice {
  itemId: string;
  ownerId: string;
  /** When the item got this owner (part of the key: a later reassignment back is a new notice). */
  at: string;
}

/** Tells an item's new owner what they own, why, by when, and how to acknowledge it. */
@Injectable()
export class AssignmentNoticeService {
  constructor(
    private readonly facts: ReminderFactsRepository,
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly composer: MessageComposer,
    private readonly dispatcher: EmailDispatcher,
    private readonly metrics: NotificationMetrics,
  ) {}

  async notify(n: AssignmentNotice): Promise<JobResult> {
    const started = Date.now();
    const f = await this.facts.assignment(n.itemId);
    // The owner changed again before this ran, the item closed, or the owner opted out: nothing to say.
    const stale =
      !f ||
      f.ownerId !== n.ownerId ||
      !['open', 'in_progress'].includes(f.status) ||
      !f.ownerActive ||
      !f.ownerWantsMail;
    let written = 0;
    let outbox = 0;
    if (!stale) {
      const row = this.composer.assignment(f, n.at, localDate(new Date(n.at), f.owner.timezone));
      written = await this.deliveries.insertNew([row]);
      if (row.status === 'outbox') outbox = written;
      this.metrics.count('assignment', 'outbox', outbox);
    }
    const sent = await this.dispatcher.drain(1);
    return {
      sent: sent.sent,
      skipped: written ? 0 : 1,
      failed: sent.failed,
      outbox,
      durationMs: Date.now() - started,
    };
  }
}
