import type { ClaimedDelivery, EmailDeliveriesRepository } from './email-deliveries.repository.js';
import { EmailDispatcher, retryDelayMs } from './email-dispatcher.service.js';
import type { EmailSender, OutgoingEmail } from './email-sender.js';
import type { NotificationMetrics } from './notification.metrics.js';
import type { NotificationSettings } from './notification-settings.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [20, 3_600_000],
  ])('attempt %i waits about %i ms (doubling, capped at an hour)', (attempts, base) => {
    expect(retryDelayMs(attempts, 0.5)).toBe(base);
    expect(retryDelayMs(attempts, 0)).toBe(Math.round(base * 0.8));
    expect(retryDelayMs(attempts, 1)).toBe(Math.round(base * 1.2));
  });
});

describe('EmailDispatcher.drain when the delivery log stops answering', () => {
  const settings = { from: 'RT <rt@example.com>', replyTo: undefined, retryHours: 48 } as NotificationSettings;
  const metrics = { count: () => undefined } as unknown as NotificationMetrics;

  /** A log of `n` pending rows whose `markSent` fails from the `failAt`-th call on. */
  function setup(n: number, failAt: number) {
    const queue = Array.from({ length: n }, (_, i) => `d${i + 1}`);
    const log = { claimed: [] as string[], marked: [] as string[] };
    const deliveries = {
      failInterrupted: () => Promise.resolve([]),
      claimNext: () => {
        const id = queue.shift();
        if (id) log.claimed.push(id);
        return Promise.resolve(
          id
            ? ({
                id,
                kind: 'nudge',
                recipientEmail: 'owner@example.com',
                subject: 'Due in 2 days',
                html: '<p>…</p>',
                text: '…',
                messageId: `<${id}@x>`,
                cc: [],
                headers: {},
                attempts: 1,
                createdAt: new Date(),
              } satisfies ClaimedDelivery)
            : null,
        );
      },
      markSent: (id: string) => {
        if (log.marked.length + 1 >= failAt) return Promise.reject(new Error('Connection terminated unexpectedly'));
        log.marked.push(id);
        return Promise.resolve();
      },
    } as unknown as EmailDeliveriesRepository;
    const inFlight = new Set<string>();
    const handedOff: string[] = [];
    const sender = {
      delivers: true,
      send: async (m: OutgoingEmail) => {
        inFlight.add(m.messageId);
        // The server takes a while; other senders move on meanwhile.
        await new Promise((r) => setImmediate(r));
        inFlight.delete(m.messageId);
        handedOff.push(m.messageId);
      },
    } as unknown as EmailSender;
    return { dispatcher: new EmailDispatcher(deliveries, sender, metrics, settings), log, inFlight, handedOff };
  }

  it('claims nothing more once a result cannot be written, and rejects only when every sender settled', async () => {
    const { dispatcher, log, inFlight, handedOff } = setup(40, 3);
    await expect(dispatcher.drain(4)).rejects.toThrow('Connection terminated');
    expect(inFlight.size).toBe(0);
    // What was claimed was handed off (nothing left claimed and unsent), and the senders
    // stopped within one message each of the failure, far from the 40 queued.
    expect(handedOff).toHaveLength(log.claimed.length);
    expect(log.claimed.length).toBeLessThanOrEqual(2 + 4);
    // Nothing is sent after the drain failed.
    await new Promise((r) => setImmediate(r));
    expect(handedOff).toHaveLength(log.claimed.length);
  });

  it('sends everything when the log answers', async () => {
    const { dispatcher, log } = setup(40, Infinity);
    await expect(dispatcher.drain(4)).resolves.toEqual({ sent: 40, failed: 0, retrying: 0 });
    expect(log.marked).toHaveLength(40);
  });
});
