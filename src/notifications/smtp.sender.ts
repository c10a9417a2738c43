import nodemailer, { type Transporter } from 'nodemailer';
import { SEND_PARALLEL } from './email-dispatcher.service.js';
import { EmailSendError, EmailSender, type OutgoingEmail } from './email-sender.js';

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
}

/**
 * nodemailer over SMTP as SMTP_URL says: `smtps://` is TLS from the start, `smtp://` upgrades
 * with STARTTLS when the server offers it, credentials from the URL's user and password.
 * A pool keeps a few connections open, so a digest run does not pay a handshake per message.
 */
export class SmtpSender extends EmailSender {
  readonly delivers = true;
  readonly description: string;
  private readonly transport: Transporter;

  constructor(url: string, options: { maxConnections?: number } = {}) {
    super();
    const u = new URL(url);
    this.description = `SMTP ${u.protocol === 'smtps:' ? 'with TLS ' : ''}at ${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`;
    this.transport = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: options.maxConnections ?? SEND_PARALLEL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(m: OutgoingEmail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: m.from,
        replyTo: m.replyTo,
        to: m.to,
        cc: m.cc.length ? m.cc : undefined,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: m.headers,
        date: new Date(),
      });
    } catch (err) {
      throw translate(err as SmtpError);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}

/** 5xx is the server's final word on this message; anything else (4xx, network) may pass later. */
function translate(err: SmtpError): EmailSendError {
  const code = err.responseCode;
  // The message says what went wrong; it never holds the URL's credentials.
  const text = `${code ? `${code} ` : ''}${err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 500);
  return new EmailSendError(code !== undefined && code >= 500 ? 'PERMANENT' : 'TEMPORARY', text);
}
