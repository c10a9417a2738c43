import { sleep as realSleep, type Sleep } from './retry.js';

/**
 * Runs content-creating requests one at a time, each starting at least `minIntervalMs` after
 * the previous one finished (GitHub's secondary limits ask for serial writes about 1 s apart).
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private lastFinishedAt = Number.NEGATIVE_INFINITY;

  constructor(
    public minIntervalMs: number,
    private readonly wait: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      const gap = this.lastFinishedAt + this.minIntervalMs - this.now();
      if (gap > 0) await this.wait(gap);
      try {
        return await op();
      } finally {
        this.lastFinishedAt = this.now();
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Queues outlive adapter instances so spacing holds per connection even if the registry rebuilds adapters. */
const queues = new Map<string, WriteQueue>();

export function writeQueueFor(connectionKey: string, minIntervalMs: number): WriteQueue {
  let queue = queues.get(connectionKey);
  if (!queue) {
    queue = new WriteQueue(minIntervalMs);
    queues.set(connectionKey, queue);
  }
  queue.minIntervalMs = minIntervalMs;
  return queue;
}
