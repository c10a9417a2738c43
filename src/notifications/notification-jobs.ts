import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { EnvConfig } from '../config/index.js';
import { EventsService } from '../events/index.js';
import { JobsService } from '../jobs/index.js';
import { TicketActionsService } from '../trackers/index.js';
import { AssignmentNoticeService } from './assignment-notice.service.js';
import { EmailDispatcher } from './email-dispatcher.service.js';
import { EmailSender } from './email-sender.js';
import { JobRunsService } from './job-runs.service.js';
import { type NotificationJobName, NotificationsAdminService } from './notifications-admin.service.js';

/** How often a replica looks for messages whose retry is due (a tick only enqueues). */
const RETRY_TICK_MS = 60_000;

/**
 * The notification jobs: handlers for the durable queues, the cron ticks that only enqueue
 * them, and the subscribers that queue an assignment notice in the transaction that created or
 * reassigned an item.
 */
@Injectable()
export class NotificationJobs implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly jobs: JobsService,
    private readonly events: EventsService,
    private readonly scheduler: SchedulerRegistry,
    private readonly env: EnvConfig,
    private readonly admin: NotificationsAdminService,
    private readonly assignments: AssignmentNoticeService,
    private readonly dispatcher: EmailDispatcher,
    private readonly runs: JobRunsService,
    private readonly sender: EmailSender,
    private readonly tickets: TicketActionsService,
  ) {}

  onModuleInit(): void {
    this.jobs.work('overdue-nudges', (d) => this.admin.run('overdue-nudges', d.now, 'schedule'));
    this.jobs.work('weekly-digest', (d) => this.admin.run('weekly-digest', d.now, 'schedule'));
    this.jobs.work('email-assignment', (d) => this.assignments.notify(d), 2);
    this.jobs.work('email-retry', () => this.dispatcher.drain());
    this.jobs.work('nudge-ticket-comment', (d) => this.tickets.comment(d.itemId, d.text, d.marker));
    // The one place notices are queued: the item's own events, in the item's transaction.
    this.events.on('action-item.created', async (e, m) => {
      await this.jobs.send(
        'email-assignment',
        { itemId: e.itemId, ownerId: e.ownerId, at: new Date().toISOString() },
        {},
        m,
      );
    });
    this.events.on('action-item.owner-changed', async (e, m) => {
      await this.jobs.send(
        'email-assignment',
        { itemId: e.itemId, ownerId: e.to, at: new Date().toISOString() },
        {},
        m,
      );
    });
  }

  onApplicationBootstrap(): void {
    if (this.sender.delivers) this.logger.log(`Mail: ${this.sender.description}`);
    else
      this.logger.warn(
        'Mail is not being sent: SMTP_URL is not set. Messages are kept in the delivery log (GET /api/v1/admin/deliveries).',
      );
    if (!this.env.JOBS_ENABLED) return;
    this.cron('overdue-nudges', this.env.NUDGE_CRON);
    this.cron('weekly-digest', this.env.DIGEST_CRON);
    this.scheduler.addInterval(
      'email-retry-tick',
      setInterval(() => void this.enqueue('email-retry'), RETRY_TICK_MS),
    );
  }

  private cron(name: NotificationJobName, expression: string): void {
    const job = CronJob.from({ cronTime: expression, onTick: () => void this.enqueue(name), start: false });
    this.scheduler.addCronJob(`${name}-tick`, job);
    job.start();
  }

  /** Enqueues unless one is already queued (stately queue, one key): a tick decides nothing. */
  private async enqueue(name: NotificationJobName | 'email-retry'): Promise<void> {
    try {
      await this.jobs.send(name, {}, { singletonKey: 'scheduled' });
    } catch (err) {
      this.logger.warn({ err, job: name }, 'could not enqueue; the next tick will');
    }
  }

  /** Recent runs, for tests and the admin API. */
  recent(name?: string) {
    return this.runs.recent(name, 50);
  }
}
