import type { EnvConfig } from '../config/index.js';
import type { NudgeRules, SendingWindow } from './calendar.js';

/** The notification feature's view of the configuration, read once. */
export class NotificationSettings {
  readonly publicUrl: string;
  readonly from: string;
  readonly replyTo: string | undefined;
  /** Domain of MAIL_FROM, for Message-IDs. */
  readonly domain: string;
  readonly rules: NudgeRules;
  readonly window: SendingWindow;
  readonly digestWeekday: number;
  readonly digestHour: number;
  readonly ackWorkingDays: number;
  readonly retryHours: number;
  /** Comment on the item's ticket at each escalation step (NUDGE_TICKET_COMMENTS). */
  readonly ticketComments: boolean;

  constructor(env: EnvConfig) {
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.from = env.MAIL_FROM;
    this.replyTo = env.MAIL_REPLY_TO;
    this.domain = /@([^>\s]+)>?\s*$/.exec(env.MAIL_FROM)?.[1] ?? 'localhost';
    this.rules = {
      beforeDays: env.NUDGE_BEFORE_DAYS,
      repeatDays: env.NUDGE_REPEAT_DAYS,
      managerAfterDays: env.ESCALATE_MANAGER_DAYS,
      facilitatorAfterDays: env.ESCALATE_FACILITATOR_DAYS,
    };
    this.window = { startHour: env.NUDGE_WINDOW_START_HOUR, endHour: env.NUDGE_WINDOW_END_HOUR };
    this.digestWeekday = env.DIGEST_WEEKDAY;
    this.digestHour = env.DIGEST_HOUR;
    this.ackWorkingDays = env.ACK_REMINDER_WORKING_DAYS;
    this.retryHours = env.MAIL_RETRY_HOURS;
    this.ticketComments = env.NUDGE_TICKET_COMMENTS;
  }

  postmortemUrl = (id: string) => `${this.publicUrl}/postmortems/${id}`;
  itemsUrl = (ownerId: string) => `${this.publicUrl}/items?ownerId=${ownerId}`;
  ackUrl = (token: string) => `${this.publicUrl}/api/v1/email/ack?t=${token}`;
  unsubscribeUrl = (token: string) => `${this.publicUrl}/api/v1/email/unsubscribe?t=${token}`;
}
