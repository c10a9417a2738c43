import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/index.js';
import { AuditModule } from '../audit/index.js';
import { DATABASE_TARGET, EnvConfig, resolveEncryptionKey } from '../config/index.js';
import type { DatabaseTarget } from '../database/database-target.js';
import { EventsModule } from '../events/index.js';
import { JobsModule } from '../jobs/index.js';
import { PeopleModule } from '../people/index.js';
import { TicketActionsModule } from '../trackers/index.js';
import { AssignmentNoticeService } from './assignment-notice.service.js';
import { EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailDispatcher } from './email-dispatcher.service.js';
import { EmailHealthService } from './email-health.service.js';
import { EmailLinksController } from './email-links.controller.js';
import { EmailRenderer } from './email-renderer.js';
import { EmailSender } from './email-sender.js';
import { ItemRemindersService } from './item-reminders.service.js';
import { JobRunsService } from './job-runs.service.js';
import { MessageComposer } from './message-composer.js';
import { NotificationJobs } from './notification-jobs.js';
import { NotificationMetrics } from './notification.metrics.js';
import { NotificationSettings } from './notification-settings.js';
import { NotificationsAdminController } from './notifications-admin.controller.js';
import { NotificationsAdminService } from './notifications-admin.service.js';
import { OutboxSender } from './outbox.sender.js';
import { OverdueNudgesService } from './overdue-nudges.service.js';
import { ReminderFactsRepository } from './reminder-facts.repository.js';
import { LinkSigner } from './signed-links.js';
import { SmtpSender } from './smtp.sender.js';
import { SnoozeController } from './snooze.controller.js';
import { WeeklyDigestService } from './weekly-digest.service.js';

/** Email: assignment notices, nudges with escalation, weekly digests, each written to the delivery log before it is sent. */
@Module({
  imports: [EventsModule, JobsModule, AuditModule, ActionItemsModule, PeopleModule, TicketActionsModule],
  controllers: [NotificationsAdminController, EmailLinksController, SnoozeController],
  providers: [
    {
      provide: NotificationSettings,
      useFactory: (env: EnvConfig) => new NotificationSettings(env),
      inject: [EnvConfig],
    },
    {
      provide: EmailSender,
      useFactory: (env: EnvConfig): EmailSender => (env.SMTP_URL ? new SmtpSender(env.SMTP_URL) : new OutboxSender()),
      inject: [EnvConfig],
    },
    {
      provide: EmailRenderer,
      useFactory: async () => {
        const r = new EmailRenderer();
        await r.init();
        return r;
      },
    },
    {
      provide: LinkSigner,
      // The credential key, so every replica signs alike (tests and embedded runs: the same resolution as at boot).
      useFactory: async (env: EnvConfig, target: DatabaseTarget) =>
        new LinkSigner((await resolveEncryptionKey(env, target)).key),
      inject: [EnvConfig, DATABASE_TARGET],
    },
    EmailDeliveriesRepository,
    ReminderFactsRepository,
    NotificationMetrics,
    EmailDispatcher,
    MessageComposer,
    OverdueNudgesService,
    WeeklyDigestService,
    AssignmentNoticeService,
    ItemRemindersService,
    JobRunsService,
    NotificationsAdminService,
    NotificationJobs,
    EmailHealthService,
  ],
  exports: [EmailHealthService],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(EmailSender) private readonly sender: EmailSender) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sender.close();
  }
}
