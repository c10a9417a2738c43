import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

export const EMAIL_KINDS = ['assignment', 'nudge', 'digest'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * `pending`: written, waiting for its (next) attempt; `sending`: handed to the mail server and
 * not yet confirmed; `sent`: accepted by the server; `failed`: refused for MAIL_RETRY_HOURS, or
 * interrupted during the hand-off (never retried: it may have been accepted); `outbox`: no
 * SMTP_URL, kept with its content and not sent.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'outbox'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message, written before it is sent. `key` is unique per (recipient, kind, item step or
 * period), so a second replica, a retried job or a rerun cannot write (and so send) it again.
 */
@Entity('email_delivery')
@Index('ix_email_delivery_due', ['nextAttemptAt'], { where: "status = 'pending'" })
@Index('ix_email_delivery_created', ['createdAt'])
// At most one nudge per item per local day, whatever the step.
@Index('uq_email_delivery_item_day', ['itemId', 'day'], { unique: true, where: "kind = 'nudge'" })
export class EmailDelivery extends BaseEntity {
  @Index('uq_email_delivery_key', { unique: true }) @Column({ type: 'text' }) key: string;
  @Column({ type: 'text' }) kind: EmailKind;
  @Index('ix_email_delivery_recipient') @Column({ type: 'uuid', nullable: true }) recipientId: string | null;
  @Column({ type: 'text' }) recipientEmail: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) cc: string[];
  @Index('ix_email_delivery_item') @Column({ type: 'uuid', nullable: true }) itemId: string | null;
  /** The item's step (`overdue-8`) or the period (`2026-W50`) the message is for. */
  @Column({ type: 'text' }) period: string;
  /** The recipient's local date the message was planned on (nudges: one per item per day). */
  @Column({ type: 'date' }) day: string;
  @Index('ix_email_delivery_status') @Column({ type: 'text', default: 'pending' }) status: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) nextAttemptAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) lastAttemptAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) sentAt: Date | null;
  /** Set when written, so every attempt carries the same Message-ID. */
  @Column({ type: 'text' }) messageId: string;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) html: string;
  @Column({ type: 'text' }) text: string;
  /** Extra headers (List-Unsubscribe and its Post). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) headers: Record<string, string>;
}
