import { Injectable } from '@nestjs/common';
import { EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailSender } from './email-sender.js';

export interface EmailHealth {
  /** `smtp`: messages are sent; `outbox`: kept in the delivery log only (no SMTP_URL). */
  mode: 'smtp' | 'outbox';
  /** `failing` when a message failed for good in the last day. */
  state: 'ok' | 'failing';
  pending: number;
  failedLastDay: number;
  oldestPendingAt: Date | null;
}

/** The email entry of /api/v1/health (no addresses, no errors: /health is public). */
@Injectable()
export class EmailHealthService {
  constructor(
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly sender: EmailSender,
  ) {}

  async health(): Promise<EmailHealth> {
    const h = await this.deliveries.health();
    return { mode: this.sender.delivers ? 'smtp' : 'outbox', state: h.failedLastDay ? 'failing' : 'ok', ...h };
  }
}
