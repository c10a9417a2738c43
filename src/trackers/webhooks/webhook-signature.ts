import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
/** What a malformed header is compared against, so every candidate still costs one comparison. */
const NO_DIGEST = Buffer.alloc(32);

/** The hex HMAC-SHA256 of a body, as the trackers send it after `sha256=` in their kind's signature header. */
export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The candidates whose secret signed this body. Every candidate is compared in constant
 * time, whatever the header looks like, so neither its format nor which secret matched
 * shows in the response time.
 */
export function signedBy<T>(
  header: string | undefined,
  body: Buffer,
  candidates: readonly T[],
  secretOf: (c: T) => string,
): T[] {
  const match = SIGNATURE.exec((header ?? '').trim());
  const given = match ? Buffer.from(match[1], 'hex') : NO_DIGEST;
  const matches: T[] = [];
  for (const candidate of candidates) {
    const expected = createHmac('sha256', secretOf(candidate)).update(body).digest();
    if (timingSafeEqual(expected, given) && match) matches.push(candidate);
  }
  return matches;
}
