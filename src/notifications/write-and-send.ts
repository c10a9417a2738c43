import type { EntityManager } from 'typeorm';
import type { EmailDeliveriesRepository, NewDelivery } from './email-deliveries.repository.js';
import type { EmailDispatcher, KnownContent } from './email-dispatcher.service.js';

export interface WriteAndSendResult {
  /** Rows this run wrote (claimed). */
  written: number;
  /** Of those, kept in the outbox (no SMTP_URL). */
  outbox: number;
  /** Planned messages `compose` found nothing to say in, or another replica wrote first. */
  notWritten: number;
  sent: number;
  failed: number;
}

/**
 * Renders, writes and sends in batches: a batch is written to the delivery log (its keys claim
 * it), then the log is drained before the next batch is rendered. Memory stays at one batch of
 * rendered messages, and a crash leaves every written row for the next run to send.
 * `afterWrite` runs in each batch's write transaction with the keys it wrote (see `insertNew`).
 *
 * The drain sends the batch's messages from the rendered parts this function holds rather than
 * reading them back from the log: the parts are alive during the write anyway, and a second
 * copy of each, read while the previous ones are being sent, was a sixth of what a digest run
 * left for the garbage collector's old space.
 */
export async function writeAndSend<T>(
  planned: T[],
  compose: (t: T) => NewDelivery | null,
  deliveries: EmailDeliveriesRepository,
  dispatcher: EmailDispatcher,
  batchSize: number,
  afterWrite?: (written: Set<string>, m: EntityManager) => Promise<void>,
): Promise<WriteAndSendResult> {
  const r: WriteAndSendResult = { written: 0, outbox: 0, notWritten: 0, sent: 0, failed: 0 };
  for (let i = 0; i < planned.length; i += batchSize) {
    const end = Math.min(i + batchSize, planned.length);
    const { written, outbox } = await writeBatch(planned, i, end, compose, deliveries, afterWrite);
    const n = written.size;
    r.written += n;
    r.notWritten += end - i - n;
    if (outbox) r.outbox += n;
    const d = await dispatcher.drain(undefined, written);
    r.sent += d.sent;
    r.failed += d.failed;
  }
  if (!planned.length) {
    // Nothing new to write: still send what earlier runs left due.
    const d = await dispatcher.drain();
    r.sent += d.sent;
    r.failed += d.failed;
  }
  return r;
}

async function writeBatch<T>(
  planned: T[],
  from: number,
  to: number,
  compose: (t: T) => NewDelivery | null,
  deliveries: EmailDeliveriesRepository,
  afterWrite?: (written: Set<string>, m: EntityManager) => Promise<void>,
): Promise<{ written: KnownContent; outbox: boolean }> {
  const rows: NewDelivery[] = [];
  for (let j = from; j < to; j++) {
    const row = compose(planned[j]);
    if (row) rows.push(row);
  }
  const keys = await deliveries.insertNewKeys(rows, afterWrite);
  // Only what this call wrote: a key another replica wrote first is that replica's message.
  const written = new Map<string, { html: string; text: string }>();
  for (const row of rows) if (keys.has(row.key)) written.set(row.key, { html: row.html, text: row.text });
  return { written, outbox: rows[0]?.status === 'outbox' };
}
