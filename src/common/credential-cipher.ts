import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ValueTransformer } from 'typeorm';

/** Marks a value written by {@link encryptCredential}; anything else is a row from before encryption. */
export const ENCRYPTED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const KEY_FORMAT = 'must be 32 bytes, as 64 hexadecimal characters or base64';

export class CredentialKeyError extends Error {}

/**
 * The key as APP_ENCRYPTION_KEY gives it: 64 hexadecimal characters, or base64 (standard or
 * URL-safe) of exactly 32 bytes (`openssl rand -base64 32`). The two cannot be confused: 64
 * hex characters read as base64 are 48 bytes. Null when the value is neither.
 */
export function parseEncryptionKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === KEY_BYTES ? bytes : null;
}

/*
 * TypeORM column transformers are static (declared on the entity), so the key they use is
 * set once at boot, before the data source opens (createApp). Reading an encrypted value or
 * writing any value before that fails loudly instead of storing plain text.
 */
let activeKey: Buffer | null = null;

export function setCredentialKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new CredentialKeyError(`The encryption key must be ${KEY_BYTES} bytes`);
  activeKey = Buffer.from(key);
}

function currentKey(): Buffer {
  if (!activeKey) throw new CredentialKeyError('No encryption key is set for tracker credentials');
  return activeKey;
}

export const isEncrypted = (value: string): boolean => value.startsWith(ENCRYPTED_PREFIX);

/** AES-256-GCM with a random 96-bit IV; `purpose` (the column) is authenticated, so values cannot be swapped. */
export function encryptCredential(plain: string, purpose: string, key = currentKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ENCRYPTED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The plain text; a value not in the encrypted format (a row not yet encrypted) is returned as it is. */
export function decryptCredential(stored: string, purpose: string, key?: Buffer): string {
  if (!isEncrypted(stored)) return stored;
  const raw = Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key ?? currentKey(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (err) {
    if (err instanceof CredentialKeyError) throw err;
    throw new CredentialKeyError(
      `A stored ${purpose} cannot be decrypted: APP_ENCRYPTION_KEY is not the key it was encrypted with`,
    );
  }
}

/** Column transformer: encrypted in the database, plain text in the entity. */
export function encryptedColumn(purpose: string): ValueTransformer {
  return {
    to: (value: unknown) => (typeof value === 'string' ? encryptCredential(value, purpose) : value),
    from: (value: unknown) => (typeof value === 'string' ? decryptCredential(value, purpose) : value),
  };
}
