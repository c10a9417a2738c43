import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { type DeliveryStatus, EmailDelivery, type EmailKind } from './email-delivery.entity.js';

/** A message to write to the log; `status` is `pending` (to send) or `outbox` (kept only). */
export type NewDelivery = Pick<
  EmailDelivery,
  | 'key'
  | 'kind'
  | 'recipientId'
  | 'recipientEmail'
  | 'cc'
  | 'itemId'
  | 'period'
  | 'day'
  | 'status'
  | 'messageId'
  | 'subject'
  | 'html'
  | 'text'
  | 'headers'
>;

/**
 * What the sender needs of a claimed row. `html` and `text` are null when the claim was told
 * the caller already holds them (the row's key was among `known`).
 */
export type ClaimedDelivery = Pick<
  EmailDelivery,
  'id' | 'kind' | 'recipientEmail' | 'cc' | 'subject' | 'messageId' | 'headers' | 'attempts' | 'createdAt'
> & { key?: string; html: string | null; text: string | null };

export interface DeliveryFilter {
  kind?: EmailKind;
  status?: DeliveryStatus;
  recipientId?: string;
  recipientEmail?: string;
  itemId?: string;
  period?: string;
  since?: Date;
  until?: Date;
}

/** A `sending` row older than this was interrupted mid hand-off (the process died). */
const STALE_SENDING_MINUTES = 15;

/** Rows per INSERT statement. */
const INSERT_CHUNK = 50;

/** The one owner of the email_delivery table. */
@Injectable()
export class EmailDeliveriesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Keys among `keys` already written (by this or another replica). */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.ds.query<Array<{ key: string }>>('SELECT key FROM email_delivery WHERE key = ANY($1)', [
      keys,
    ]);
    return new Set(rows.map((r) => r.key));
  }

  /**
   * Writes the messages whose key (and, for nudges, item and day) is still free; a row another
   * replica wrote first is left alone. Answers how many this call wrote. With `afterWrite`, the
   * rows are written in one transaction with whatever it does for the keys written (durable jobs
   * that belong to those messages), so those exist exactly when the rows do.
   */
  async insertNew(
    rows: NewDelivery[],
    afterWrite?: (written: Set<string>, m: EntityManager) => Promise<void>,
  ): Promise<number> {
    return (await this.insertNewKeys(rows, afterWrite)).size;
  }

  /** As `insertNew`, answering the keys this call wrote. */
  async insertNewKeys(
    rows: NewDelivery[],
    afterWrite?: (written: Set<string>, m: EntityManager) => Promise<void>,
  ): Promise<Set<string>> {
    if (!afterWrite) return this.write(this.ds.manager, rows);
    return this.ds.transaction(async (m) => {
      const written = await this.write(m, rows);
      if (written.size) await afterWrite(written, m);
      return written;
    });
  }

  private async write(m: EntityManager, rows: NewDelivery[]): Promise<Set<string>> {
    const written = new Set<string>();
    // Rendered messages are large (a lead's digest can be 200 KB): a statement carries few.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const res = await m
        .createQueryBuilder()
        .insert()
        .into(EmailDelivery)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .orIgnore()
        .returning('key')
        .execute();
      for (const r of res.raw as Array<{ key: string }>) written.add(r.key);
    }
    return written;
  }

  /**
   * Takes the next message due for an attempt, marking it `sending` in the same statement, so
   * two replicas never take the same row. A row whose key is in `known` comes back without its
   * html and text: the caller wrote it moments ago and still holds them, and reading them back
   * would allocate a second copy of every message (15 MB for the benchmark's 1,000 digests).
   */
  async claimNext(known: string[] = []): Promise<ClaimedDelivery | null> {
    const rows = await this.ds.query<Array<Record<string, unknown>>>(
      `UPDATE email_delivery SET status = 'sending', attempts = attempts + 1, last_attempt_at = now(), updated_at = now()
        WHERE id = (SELECT id FROM email_delivery WHERE status = 'pending' AND next_attempt_at <= now()
                     ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, key, kind, recipient_email, cc, subject, message_id, headers, attempts, created_at,
                  CASE WHEN key = ANY($1::text[]) THEN NULL ELSE html END AS html,
                  CASE WHEN key = ANY($1::text[]) THEN NULL ELSE text END AS text`,
      [known],
    );
    // node-postgres reads an UPDATE … RETURNING as [rows, count] through TypeORM.
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as Array<Record<string, unknown>>;
    const r = list[0];
    if (!r) return null;
    return {
      id: r.id as string,
      key: r.key as string,
      kind: r.kind as EmailKind,
      recipientEmail: r.recipient_email as string,
      cc: r.cc as string[],
      subject: r.subject as string,
      html: r.html as string | null,
      text: r.text as string | null,
      messageId: r.message_id as string,
      headers: r.headers as Record<string, string>,
      attempts: r.attempts as number,
      createdAt: new Date(r.created_at as string),
    };
  }

  async markSent(id: string): Promise<void> {
    await this.ds.query(
      `UPDATE email_delivery SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.ds.query(
      `UPDATE email_delivery SET status = 'pending', last_error = $2, next_attempt_at = $3, updated_at = now() WHERE id = $1`,
      [id, error, nextAttemptAt],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE email_delivery SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`,
      [id, error],
    );
  }

  /**
   * A row left `sending` by a process that died may or may not have reached the server. It is
   * not sent again (a second copy is worse than a missing nudge, and the next step or digest
   * follows); it becomes `failed` with the reason, visible in the log and on /health.
   */
  async failInterrupted(): Promise<Array<{ kind: EmailKind }>> {
    const res = await this.ds.query<[Array<{ kind: EmailKind }>, number]>(
      `UPDATE email_delivery SET status = 'failed', updated_at = now(),
              last_error = 'interrupted during the hand-off to the mail server; not retried, it may have been delivered'
        WHERE status = 'sending' AND last_attempt_at < now() - make_interval(mins => $1) RETURNING kind`,
      [STALE_SENDING_MINUTES],
    );
    return res[0] ?? [];
  }

  findById(id: string): Promise<EmailDelivery | null> {
    return this.ds.getRepository(EmailDelivery).findOneBy({ id });
  }

  list(f: DeliveryFilter): SelectQueryBuilder<EmailDelivery> {
    const qb = this.ds.getRepository(EmailDelivery).createQueryBuilder('d');
    for (const k of ['kind', 'status', 'recipientId', 'recipientEmail', 'itemId', 'period'] as const)
      if (f[k] !== undefined) qb.andWhere(`d.${k} = :${k}`, { [k]: f[k] });
    if (f.since) qb.andWhere('d.createdAt >= :since', { since: f.since });
    if (f.until) qb.andWhere('d.createdAt < :until', { until: f.until });
    return qb;
  }

  /** For /health: what is waiting and what failed lately. */
  async health(): Promise<{ pending: number; failedLastDay: number; oldestPendingAt: Date | null }> {
    const [r] = await this.ds.query<Array<{ pending: number; failed: number; oldest: Date | null }>>(
      `SELECT count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS pending,
              count(*) FILTER (WHERE status = 'failed' AND updated_at > now() - interval '1 day')::int AS failed,
              min(created_at) FILTER (WHERE status IN ('pending', 'sending')) AS oldest
         FROM email_delivery`,
    );
    return { pending: r.pending, failedLastDay: r.failed, oldestPendingAt: r.oldest ? new Date(r.oldest) : null };
  }
}
