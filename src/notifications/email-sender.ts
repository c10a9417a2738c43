/** A message ready for the wire, in our own terms (no vendor types past the adapter). */
export interface OutgoingEmail {
  from: string;
  replyTo?: string;
  to: string;
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`: the same on every attempt. */
  messageId: string;
  headers: Record<string, string>;
}

/** `TEMPORARY`: try again later (4xx, connection refused, timeout); `PERMANENT`: the server refused it (5xx). */
export type EmailFailureCode = 'TEMPORARY' | 'PERMANENT';

export class EmailSendError extends Error {
  constructor(
    readonly code: EmailFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'EmailSendError';
  }
}

/**
 * The email port (also the DI token). `SmtpSender` hands messages to a mail server;
 * `OutboxSender`, used without SMTP_URL, sends nothing and the delivery log keeps them.
 */
export abstract class EmailSender {
  /** False when messages are only kept in the delivery log. */
  abstract readonly delivers: boolean;
  /** Where messages go, for the start-up log (never credentials). */
  abstract readonly description: string;
  /** Resolves once the server accepted the message; throws EmailSendError otherwise. */
  abstract send(message: OutgoingEmail): Promise<void>;
  abstract close(): Promise<void>;
}
