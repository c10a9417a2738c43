import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  raw: string;
  mail: ParsedMail;
  /** RCPT TO of the envelope (To and Cc). */
  rcpt: string[];
}

/**
 * An in-process SMTP server speaking the real protocol (smtp-server): it keeps every message
 * it accepts, parsed with mailparser, and can refuse the next ones with a given reply.
 */
export class SmtpHarness {
  readonly received: Received[] = [];
  /** Reply to DATA with this error instead of accepting (e.g. 451 or 550). */
  refuse: { code: number; message: string } | null = null;
  /** Runs before a message is accepted; `n` counts messages reaching DATA from 1 since `clear()`. */
  beforeAccept: ((n: number) => Promise<void> | void) | null = null;
  private server: SMTPServer;
  private accepted = 0;

  constructor() {
    this.server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          (async () => {
            if (this.refuse) {
              const err = Object.assign(new Error(this.refuse.message), { responseCode: this.refuse.code });
              return callback(err);
            }
            const n = ++this.accepted;
            if (this.beforeAccept) await this.beforeAccept(n);
            const raw = Buffer.concat(chunks).toString('utf8');
            this.received.push({
              raw,
              mail: await simpleParser(raw),
              rcpt: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
          })().catch((err: Error) => callback(err));
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): Received[] {
    return this.received.filter((r) => r.rcpt.includes(address));
  }

  clear(): void {
    this.received.length = 0;
    this.accepted = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The addresses of a parsed address header. */
export const addresses = (field: ParsedMail['to']): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
