import { TrackerError } from '../issue-tracker.js';
import { backoffMs, retryDelayMs, withRetries } from './retry.js';
import { retryAfterMsFrom, trackerErrorFromNetwork, trackerErrorFromStatus } from './tracker-http-error.js';
import { WriteQueue } from './write-queue.js';

const now = Date.parse('2030-01-01T00:00:00Z');

describe('tracker HTTP helpers', () => {
  describe('retryAfterMsFrom', () => {
    it.each([
      [{ 'retry-after': '3' }, 3000],
      [{ 'Retry-After': '0.5' }, 500],
      [{ 'retry-after': 'Tue, 01 Jan 2030 00:00:10 GMT' }, 10_000],
      [{ 'x-ratelimit-reset': String(now / 1000 + 60) }, 60_000],
      [{ 'x-ratelimit-reset': '2030-01-01T00:02:00Z' }, 120_000],
      [{ 'retry-after': '2', 'x-ratelimit-reset': String(now / 1000 + 60) }, 2000],
      [{ 'x-ratelimit-reset': String(now / 1000 - 5) }, 0],
      [{}, undefined],
      [{ 'retry-after': 'soon' }, undefined],
    ])('%j -> %s', (headers, expected) => {
      expect(retryAfterMsFrom(headers, now)).toBe(expected);
    });

    it('reads fetch Headers too', () => {
      expect(retryAfterMsFrom(new Headers({ 'Retry-After': '4' }), now)).toBe(4000);
    });
  });

  describe('trackerErrorFromStatus', () => {
    it.each([
      [404, {}, 'NOT_FOUND'],
      [410, {}, 'NOT_FOUND'],
      [429, {}, 'RATE_LIMITED'],
      [503, { 'retry-after': '5' }, 'RATE_LIMITED'],
      [503, {}, 'TEMPORARY'],
      [500, {}, 'TEMPORARY'],
      [502, {}, 'TEMPORARY'],
      [408, {}, 'TEMPORARY'],
      [401, {}, 'FORBIDDEN'],
      [403, {}, 'FORBIDDEN'],
      [403, { 'x-ratelimit-remaining': '0' }, 'RATE_LIMITED'],
      [409, {}, 'CONFLICT'],
      [400, {}, 'UNKNOWN'],
      [422, {}, 'UNKNOWN'],
    ])('%i %j -> %s', (status, headers, code) => {
      const error = trackerErrorFromStatus(status, headers, 'detail', now);
      expect(error).toBeInstanceOf(TrackerError);
      expect(error).toMatchObject({ code, status });
    });

    it('keeps the wait on rate limits', () => {
      expect(trackerErrorFromStatus(429, { 'retry-after': '7' }, 'slow down', now)).toMatchObject({
        retryAfterMs: 7000,
        message: 'HTTP 429: slow down',
      });
    });
  });

  describe('trackerErrorFromNetwork', () => {
    it.each([
      [
        Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
        'TEMPORARY',
        /timed out after 250 ms/,
      ],
      [
        Object.assign(new TypeError('fetch failed'), {
          cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
        }),
        'TEMPORARY',
        /ECONNREFUSED/,
      ],
      [
        Object.assign(new TypeError('fetch failed'), {
          cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' },
        }),
        'TEMPORARY',
        /other side closed/,
      ],
      [
        Object.assign(new TypeError('fetch failed'), {
          cause: { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
        }),
        'UNKNOWN',
        /TLS/,
      ],
    ])('%s -> %s', (error, code, message) => {
      expect(trackerErrorFromNetwork(error, 250)).toMatchObject({ code, message: expect.stringMatching(message) });
    });
  });

  describe('retries', () => {
    const policy = { maxRetries: 3, maxRetryWaitMs: 5000, baseDelayMs: 100 };
    const half = () => 0.5;

    it('backs off exponentially with jitter, capped', () => {
      expect([0, 1, 2].map((a) => backoffMs(a, policy, half))).toEqual([75, 150, 300]);
      expect(backoffMs(10, policy, () => 1)).toBe(5000);
      expect(backoffMs(0, policy, () => 0)).toBe(50);
    });

    it('decides what to retry and for how long', () => {
      expect(retryDelayMs(new TrackerError('TEMPORARY', 'x'), 0, policy, half)).toBe(75);
      expect(retryDelayMs(new TrackerError('RATE_LIMITED', 'x', 1200), 0, policy, half)).toBe(1200);
      expect(retryDelayMs(new TrackerError('RATE_LIMITED', 'x', 6000), 0, policy, half)).toBeNull();
      expect(retryDelayMs(new TrackerError('RATE_LIMITED', 'x'), 1, policy, half)).toBe(150);
      expect(retryDelayMs(new TrackerError('TEMPORARY', 'x'), 3, policy, half)).toBeNull();
      for (const code of ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNKNOWN'] as const)
        expect(retryDelayMs(new TrackerError(code, 'x'), 0, policy)).toBeNull();
      expect(retryDelayMs(new Error('boom'), 0, policy)).toBeNull();
    });

    it('runs an operation until it succeeds or the budget is spent', async () => {
      const waits: number[] = [];
      const sleep = async (ms: number) => void waits.push(ms);
      let calls = 0;
      const flaky = async () => {
        if (++calls < 3) throw new TrackerError('RATE_LIMITED', 'x', 10);
        return 'ok';
      };
      await expect(withRetries(flaky, policy, sleep)).resolves.toBe('ok');
      expect(waits).toEqual([10, 10]);

      calls = 0;
      const alwaysDown = async () => {
        calls++;
        throw new TrackerError('TEMPORARY', 'down', 1);
      };
      await expect(withRetries(alwaysDown, policy, sleep)).rejects.toMatchObject({ code: 'TEMPORARY' });
      expect(calls).toBe(policy.maxRetries + 1);
    });
  });

  describe('WriteQueue', () => {
    it('runs writes one at a time, spaced from the previous finish', async () => {
      let clock = 0;
      const waits: number[] = [];
      const queue = new WriteQueue(
        1000,
        async (ms) => {
          waits.push(ms);
          clock += ms;
        },
        () => clock,
      );
      const log: string[] = [];
      const write = (name: string, took: number) =>
        queue.run(async () => {
          log.push(`start ${name} @${clock}`);
          clock += took;
          return name;
        });

      const results = await Promise.all([
        write('a', 200),
        write('b', 50),
        queue.run(async () => Promise.reject(new Error('c failed'))).catch((e: Error) => e.message),
        write('d', 0),
      ]);

      expect(results).toEqual(['a', 'b', 'c failed', 'd']);
      expect(log).toEqual(['start a @0', 'start b @1200', 'start d @3250']);
      expect(waits).toEqual([1000, 1000, 1000]);
    });
  });
});
