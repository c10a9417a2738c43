import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { KEY_BYTES, KEY_FORMAT, parseEncryptionKey } from '../common/credential-cipher.js';
import type { DatabaseTarget } from '../database/database-target.js';
import { ConfigError, type EnvConfig } from './env.config.js';

export interface ResolvedKey {
  key: Buffer;
  /** Where the key came from, for the start-up log (never the key itself). */
  source: 'env' | 'file' | 'memory';
  /** A start-up warning to log, when the key is not from APP_ENCRYPTION_KEY. */
  warning?: string;
}

/** `<EMBEDDED_DB_DIR>/../encryption.key`: beside the data, so a backup of one is a backup of the other. */
export const keyFilePath = (embeddedDir: string): string => resolve(dirname(resolve(embeddedDir)), 'encryption.key');

/**
 * The key that encrypts tracker credentials at rest. APP_ENCRYPTION_KEY when set. Without it:
 * the embedded database gets a key generated once and kept beside its data (in memory when the
 * data is in memory too), with a warning; a real DATABASE_URL refuses to start, because a key
 * generated on one host would leave the credentials unreadable to every other replica.
 */
export async function resolveEncryptionKey(
  env: Pick<EnvConfig, 'APP_ENCRYPTION_KEY'>,
  target: Pick<DatabaseTarget, 'embedded' | 'dataDir'>,
): Promise<ResolvedKey> {
  if (env.APP_ENCRYPTION_KEY) {
    const key = parseEncryptionKey(env.APP_ENCRYPTION_KEY);
    if (!key) throw new ConfigError('Invalid configuration:\n  APP_ENCRYPTION_KEY=(hidden): ' + KEY_FORMAT);
    return { key, source: 'env' };
  }
  if (!target.embedded)
    throw new ConfigError(
      'Invalid configuration:\n  APP_ENCRYPTION_KEY: required with DATABASE_URL, to encrypt tracker credentials at rest ' +
        `(${KEY_FORMAT}; e.g. openssl rand -base64 32)`,
    );
  if (!target.dataDir)
    return {
      key: randomBytes(KEY_BYTES),
      source: 'memory',
      warning:
        'APP_ENCRYPTION_KEY is not set: tracker credentials are encrypted with a key that lives as long as the in-memory database',
    };
  const path = keyFilePath(target.dataDir);
  await mkdir(dirname(path), { recursive: true });
  const fresh = randomBytes(KEY_BYTES);
  // `wx`: two processes starting at once cannot both write a key; the loser reads the winner's.
  const created = await writeFile(path, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return false;
      throw err;
    },
  );
  const key = created ? fresh : parseEncryptionKey(await readFile(path, 'utf8'));
  if (!key) throw new ConfigError(`Invalid configuration:\n  ${path}: does not hold a key (${KEY_FORMAT})`);
  return {
    key,
    source: 'file',
    warning:
      `APP_ENCRYPTION_KEY is not set: tracker credentials are encrypted with the key ${created ? 'generated in' : 'kept in'} ${path}. ` +
      'Back it up with the data (without it the credentials cannot be read), or set APP_ENCRYPTION_KEY to its contents.',
  };
}
