import { TrackerError } from '../issue-tracker.js';

/** Response headers as Node, fetch or Octokit hand them to us. */
export type HeaderSource = Headers | Record<string, string | string[] | number | undefined>;

export function headerValue(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | number | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : bag[key];
  return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value);
}

/**
 * How long the tracker asked us to wait, in ms. `Retry-After` (seconds or an HTTP date) wins;
 * otherwise `X-RateLimit-Reset`, which GitHub sends as epoch seconds and Jira as an ISO time.
 */
export function retryAfterMsFrom(headers: HeaderSource | undefined, now = Date.now()): number | undefined {
  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headerValue(headers, 'x-ratelimit-reset')?.trim();
  if (reset) {
    const at = /^\d+$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/** Maps an HTTP error status to the shared error codes of the port. */
export function trackerErrorFromStatus(
  status: number,
  headers: HeaderSource | undefined,
  detail: string,
  now = Date.now(),
): TrackerError {
  const retryAfterMs = retryAfterMsFrom(headers, now);
  const message = `HTTP ${status}: ${detail}`.slice(0, 500);
  if (status === 404 || status === 410) return new TrackerError('NOT_FOUND', message, undefined, status);
  if (status === 429) return new TrackerError('RATE_LIMITED', message, retryAfterMs, status);
  // A 503 that says when to come back is throttling (Jira Cloud does this); a bare 503 is an outage.
  if (status === 503 && retryAfterMs !== undefined)
    return new TrackerError('RATE_LIMITED', message, retryAfterMs, status);
  // GitHub reports an exhausted primary limit as 403 with x-ratelimit-remaining: 0.
  if (
    status === 403 &&
    (headerValue(headers, 'x-ratelimit-remaining') === '0' || headerValue(headers, 'retry-after') !== undefined)
  ) {
    return new TrackerError('RATE_LIMITED', message, retryAfterMs, status);
  }
  if (status === 408 || status >= 500) return new TrackerError('TEMPORARY', message, retryAfterMs, status);
  if (status === 401 || status === 403) return new TrackerError('FORBIDDEN', message, undefined, status);
  if (status === 409) return new TrackerError('CONFLICT', message, undefined, status);
  return new TrackerError('UNKNOWN', message, undefined, status);
}

/** TLS failures do not heal by retrying; everything else on the wire may. */
const PERMANENT_NETWORK_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|ERR_INVALID_URL/;

/** Maps a failure below HTTP (refused, reset, timed out, DNS) to TEMPORARY, or UNKNOWN for TLS trust errors. */
export function trackerErrorFromNetwork(error: unknown, timeoutMs: number): TrackerError {
  if (error instanceof TrackerError) return error;
  const err = error as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string; name?: string };
  };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') {
    return new TrackerError('TEMPORARY', `request timed out after ${timeoutMs} ms`);
  }
  const code = err?.cause?.code ?? err?.code ?? '';
  const detail = [code, err?.cause?.message ?? err?.message].filter(Boolean).join(' ');
  if (PERMANENT_NETWORK_CODES.test(code)) return new TrackerError('UNKNOWN', `TLS or URL problem: ${detail}`);
  return new TrackerError('TEMPORARY', `network error: ${detail || 'unknown'}`);
}
