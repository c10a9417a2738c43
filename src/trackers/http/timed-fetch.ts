import { noteRequest } from './request-counter.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * fetch with a deadline covering the whole exchange (headers and body). A timed-out request
 * rejects with a DOMException named TimeoutError.
 */
export function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => {
    noteRequest();
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}
