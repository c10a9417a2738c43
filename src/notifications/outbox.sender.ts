import { EmailSender } from './email-sender.js';

/** Without SMTP_URL: nothing leaves the process; messages stay in the delivery log as `outbox`. */
export class OutboxSender extends EmailSender {
  readonly delivers = false;
  readonly description = 'outbox only (SMTP_URL is not set): messages are kept in the delivery log, not sent';

  send(): Promise<void> {
    return Promise.reject(new Error('The outbox sender does not send'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
