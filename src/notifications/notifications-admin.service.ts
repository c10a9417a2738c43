import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-errors.js';
import { paginate } from '../common/pagination.js';
import { EmailDeliveriesRepository } from './email-deliveries.repository.js';
import type { EmailDelivery } from './email-delivery.entity.js';
import { JobRunsService } from './job-runs.service.js';
import type {
  DeliveryDetailDto,
  DeliveryDto,
  DeliveryPageDto,
  DeliveryQuery,
  JobResultDto,
  JobRunListDto,
  JobRunQuery,
} from './notification.dto.js';
import { OverdueNudgesService } from './overdue-nudges.service.js';
import { WeeklyDigestService } from './weekly-digest.service.js';

export type NotificationJobName = 'overdue-nudges' | 'weekly-digest';

const summary = (d: EmailDelivery): DeliveryDto => ({
  id: d.id,
  key: d.key,
  kind: d.kind,
  recipientId: d.recipientId,
  recipientEmail: d.recipientEmail,
  cc: d.cc,
  itemId: d.itemId,
  period: d.period,
  day: d.day,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  lastAttemptAt: d.lastAttemptAt,
  sentAt: d.sentAt,
  messageId: d.messageId,
  lastError: d.lastError,
  subject: d.subject,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

/** The admin side: the delivery log, job runs, and running a job now. */
@Injectable()
export class NotificationsAdminService {
  constructor(
    private readonly deliveriesRepo: EmailDeliveriesRepository,
    private readonly runs: JobRunsService,
    private readonly nudges: OverdueNudgesService,
    private readonly digest: WeeklyDigestService,
  ) {}

  async deliveries(q: DeliveryQuery): Promise<DeliveryPageDto> {
    const qb = this.deliveriesRepo.list({
      kind: q.kind,
      status: q.status,
      recipientId: q.recipientId,
      recipientEmail: q.recipientEmail?.toLowerCase(),
      itemId: q.itemId,
      period: q.period,
      since: q.since ? new Date(q.since) : undefined,
      until: q.until ? new Date(q.until) : undefined,
    });
    const page = await paginate(qb, q);
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  }

  async delivery(id: string): Promise<DeliveryDetailDto> {
    const d = await this.deliveriesRepo.findById(id);
    if (!d) throw notFound('Delivery', id);
    return { ...summary(d), text: d.text, html: d.html, headers: d.headers };
  }

  async jobRuns(q: JobRunQuery): Promise<JobRunListDto> {
    return { items: await this.runs.recent(q.name, q.limit ?? 50) };
  }

  /** Runs a job in this request, as of `now` (ISO) or the present, and records the run. */
  run(
    name: NotificationJobName,
    now: string | undefined,
    trigger: 'admin' | 'schedule' = 'admin',
  ): Promise<JobResultDto> {
    const asOf = now ? new Date(now) : new Date();
    const job = name === 'overdue-nudges' ? this.nudges : this.digest;
    return this.runs.track(name, trigger, asOf, () => job.run(asOf));
  }
}
