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
 */
export async function writeAndSend<T>(
  planned: T[],
  compose: (t: T) => NewDelivery | null,
  deliveries: EmailDeliveriesRepository,
  dispatcher: EmailDispatcher,
  batchSize: number,
): Promise<WriteAndSendResult> {
  const r: WriteAndSendResult = { written: 0, outbox: 0, notWritten: 0, sent: 0, failed: 0 };
  for (let i = 0; i < planned.length; i += batchSize) {
    const rows: NewDelivery[] = [];
    for (const t of planned.slice(i, i + batchSize)) {
      const row = compose(t);
      if (row) rows.push(row);
    }
    const n = await deliveries.insertNew(rows);
    r.written += n;
    r.notWritten += Math.min(batchSize, planned.length - i) - n;
    if (rows[0]?.status === 'outbox') r.outbox += n;
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
