import { TrackerError } from '../issue-tracker.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest single wait; a rate limit asking for more is thrown to the caller to reschedule. */
  maxRetryWaitMs: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs: number;
}

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, maxRetryWaitMs: 10_000, baseDelayMs: 500 };

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so callers spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxRetryWaitMs);
  return Math.round(step / 2 + (random() * step) / 2);
}

/** How long to wait before retrying after `error`, or null when it must not be retried here. */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (!(error instanceof TrackerError) || attempt >= policy.maxRetries) return null;
  if (error.code === 'TEMPORARY')
    return Math.min(error.retryAfterMs ?? backoffMs(attempt, policy, random), policy.maxRetryWaitMs);
  if (error.code !== 'RATE_LIMITED') return null;
  const wait = error.retryAfterMs ?? backoffMs(attempt, policy, random);
  return wait > policy.maxRetryWaitMs ? null : wait;
}

/**
 * Runs an idempotent request, retrying TEMPORARY failures with backoff and honouring the
 * tracker's Retry-After on RATE_LIMITED. Never wrap a create in this: a lost response
 * does not mean the create failed.
 */
export async function withRetries<T>(op: () => Promise<T>, policy: RetryPolicy, wait: Sleep = sleep): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      const delay = retryDelayMs(error, attempt, policy);
      if (delay === null) throw error;
      await wait(delay);
    }
  }
}

export function retryPolicyFrom(
  config: { maxRetries?: number; maxRetryWaitMs?: number },
  baseDelayMs?: number,
): RetryPolicy {
  return {
    maxRetries: config.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    maxRetryWaitMs: config.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxRetryWaitMs,
    baseDelayMs: baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
  };
}
