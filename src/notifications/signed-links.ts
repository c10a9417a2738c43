import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a link in an email may do, without a login. */
export type LinkClaim =
  { a: 'ack'; item: string; owner: string } | { a: 'unsubscribe'; person: string; list: 'digest' | 'nudges' };

/**
 * HMAC-SHA256 signed tokens for the acknowledge and unsubscribe links: `payload.signature`,
 * both base64url. The key is derived from the credential key (APP_ENCRYPTION_KEY), so every
 * replica signs alike and a token cannot be forged or altered without it.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'email-links-v1', 32));
  }

  sign(claim: LinkClaim): string {
    const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claim, or null for anything not signed by us (altered, truncated, garbage). */
  verify(token: unknown): LinkClaim | null {
    if (typeof token !== 'string' || token.length > 1000) return null;
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkClaim;
      return claim.a === 'ack' || claim.a === 'unsubscribe' ? claim : null;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
