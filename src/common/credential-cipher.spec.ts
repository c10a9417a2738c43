import { randomBytes } from 'node:crypto';
import {
  CredentialKeyError,
  decryptCredential,
  encryptCredential,
  ENCRYPTED_PREFIX,
  parseEncryptionKey,
} from './credential-cipher.js';

const key = randomBytes(32);

describe('credential cipher', () => {
  it('round-trips a credential, with a fresh IV each time', () => {
    const a = encryptCredential('ghp_secret-token', 'tracker_connection.token', key);
    const b = encryptCredential('ghp_secret-token', 'tracker_connection.token', key);
    expect(a.startsWith(ENCRYPTED_PREFIX)).toBe(true);
    expect(a).not.toContain('ghp_secret');
    expect(a).not.toBe(b);
    expect(decryptCredential(a, 'tracker_connection.token', key)).toBe('ghp_secret-token');
  });

  it('returns a value stored before encryption as it is', () => {
    expect(decryptCredential('plain-token', 'tracker_connection.token', key)).toBe('plain-token');
  });

  it('refuses another key, another column, or a tampered value, naming APP_ENCRYPTION_KEY', () => {
    const stored = encryptCredential('s3cret', 'tracker_connection.token', key);
    expect(() => decryptCredential(stored, 'tracker_connection.token', randomBytes(32))).toThrow(/APP_ENCRYPTION_KEY/);
    expect(() => decryptCredential(stored, 'tracker_connection.webhook_secret', key)).toThrow(CredentialKeyError);
    const tampered = stored.slice(0, -4) + (stored.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => decryptCredential(tampered, 'tracker_connection.token', key)).toThrow(CredentialKeyError);
  });

  it.each([
    ['64 hex characters', 'ab'.repeat(32), true],
    ['base64 of 32 bytes', randomBytes(32).toString('base64'), true],
    ['URL-safe base64 of 32 bytes', randomBytes(32).toString('base64url'), true],
    ['base64 of 16 bytes', randomBytes(16).toString('base64'), false],
    ['a passphrase', 'correct horse battery staple', false],
    ['63 hex characters', 'a'.repeat(63), false],
  ])('parses %s as a key: %s', (_name, value, ok) => {
    expect(parseEncryptionKey(value)?.length === 32).toBe(ok);
  });
});
