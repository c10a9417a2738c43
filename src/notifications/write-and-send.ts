import type { EntityManager } from 'typeorm';
import type { EmailDeliveriesRepository, NewDelivery } from './email-deliveries.repository.js';
import type { EmailDispatcher } from './email-dispatcher.service.js';

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
    // The rendered batch lives only inside writeBatch: once it is in the log, senders read each
    // message back from there, so it is not kept alive while the batch is sent.
    const { n, outbox } = await writeBatch(planned, i, end, compose, deliveries, afterWrite);
    r.written += n;
    r.notWritten += end - i - n;
    if (outbox) r.outbox += n;
    const d = await dispatcher.drain();
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
): Promise<{ n: number; outbox: boolean }> {
  const rows: NewDelivery[] = [];
  for (let j = from; j < to; j++) {
    const row = compose(planned[j]);
    if (row) rows.push(row);
  }
  return { n: await deliveries.insertNew(rows, afterWrite), outbox: rows[0]?.status === 'outbox' };
}
