import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobsService } from '../jobs/index.js';
import { addDays, inSendingWindow, localDate, nudgeStep, type NudgeStep } from './calendar.js';
import { EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailDispatcher } from './email-dispatcher.service.js';
import type { JobResult } from './job-result.js';
import { MessageComposer } from './message-composer.js';
import { writeAndSend } from './write-and-send.js';
import { NotificationMetrics } from './notification.metrics.js';
import { NotificationSettings } from './notification-settings.js';
import { type NudgeCandidate, ReminderFactsRepository } from './reminder-facts.repository.js';

/** Messages rendered and written per batch before they are sent. */
const BATCH = 200;

type DueNudge = { c: NudgeCandidate; step: NudgeStep; key: string };

/** The ticket-comment marker of an escalation step: one comment when the manager is copied, one when the facilitator is. */
const ESCALATION_MARKERS = { 1: 'nudge-escalation:manager', 2: 'nudge-escalation:facilitator' } as const;

/**
 * The reminders about open items: before the due date, on the first day overdue, then weekly,
 * copying the manager (else the team lead) and then the facilitator as the item stays overdue.
 * Which step is due is decided by the calendar rules at `now`; that it is sent once is decided
 * by the delivery log's unique keys.
 */
@Injectable()
export class OverdueNudgesService {
  constructor(
    private readonly facts: ReminderFactsRepository,
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly composer: MessageComposer,
    private readonly dispatcher: EmailDispatcher,
    private readonly settings: NotificationSettings,
    private readonly metrics: NotificationMetrics,
    private readonly jobs: JobsService,
  ) {}

  async run(now: Date): Promise<JobResult> {
    const started = Date.now();
    // A day of margin: the furthest zone ahead of UTC is already on the next date.
    const maxDue = addDays(localDate(now, 'UTC'), this.settings.rules.beforeDays + 1);
    const due: DueNudge[] = [];
    let skipped = 0;
    for (const c of await this.facts.nudgeCandidates(maxDue, now)) {
      const step = nudgeStep(c.dueDate, now, c.owner.timezone, this.settings.rules);
      if (!step) continue;
      if (!inSendingWindow(now, c.owner.timezone, this.settings.window)) skipped++;
      else due.push({ c, step, key: `nudge:${c.owner.id}:${c.id}:${step.step}` });
    }
    const existing = await this.deliveries.existingKeys(due.map((d) => d.key));
    const planned = due.filter((d) => !existing.has(d.key));
    const r = await writeAndSend(
      planned,
      (d) => this.composer.nudge(d.c, d.step, localDate(now, d.c.owner.timezone)),
      this.deliveries,
      this.dispatcher,
      BATCH,
      this.settings.ticketComments ? this.ticketComments(planned) : undefined,
    );
    this.metrics.count('nudge', 'outbox', r.outbox);
    return {
      sent: r.sent,
      skipped: skipped + existing.size + r.notWritten,
      failed: r.failed,
      outbox: r.outbox,
      durationMs: Date.now() - started,
    };
  }

  /**
   * Queues the ticket comment of each escalated nudge in the transaction that writes its
   * delivery row: the job exists exactly when the nudge does, and the marker makes a repeat of
   * the same escalation (the weekly nudges after it) post nothing new.
   */
  private ticketComments(planned: DueNudge[]) {
    const byKey = new Map(planned.filter((d) => d.step.escalation > 0 && d.c.ticketKey).map((d) => [d.key, d]));
    return async (written: Set<string>, m: EntityManager): Promise<void> => {
      for (const key of written) {
        const d = byKey.get(key);
        if (!d || d.step.escalation === 0) continue;
        const text = this.composer.ticketComment(d.c, d.step);
        if (!text) continue;
        const marker = ESCALATION_MARKERS[d.step.escalation];
        await this.jobs.send(
          'nudge-ticket-comment',
          { itemId: d.c.id, marker, text },
          { singletonKey: `${d.c.id}:${marker}` },
          m,
        );
      }
    };
  }
}
