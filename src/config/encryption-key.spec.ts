import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEncryptionKey } from './encryption-key.js';
import { ConfigError, loadEnv } from './env.config.js';

describe('resolveEncryptionKey', () => {
  const hex = 'c0'.repeat(32);

  it('takes APP_ENCRYPTION_KEY when it is set', async () => {
    const r = await resolveEncryptionKey({ APP_ENCRYPTION_KEY: hex }, { embedded: false });
    expect(r).toEqual({ key: Buffer.from(hex, 'hex'), source: 'env' });
  });

  it('refuses to start on a real database without a key, naming the variable', async () => {
    await expect(resolveEncryptionKey({}, { embedded: false })).rejects.toThrow(ConfigError);
    await expect(resolveEncryptionKey({}, { embedded: false })).rejects.toThrow(/APP_ENCRYPTION_KEY: required/);
  });

  it('generates a key once beside the embedded data, readable by its owner only, with a warning', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rt-key-'));
    try {
      const dataDir = join(root, 'pglite');
      const first = await resolveEncryptionKey({}, { embedded: true, dataDir });
      const path = join(root, 'encryption.key');
      expect(first.source).toBe('file');
      expect(first.warning).toContain(path);
      expect(first.warning).not.toContain(first.key.toString('base64'));
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('base64'));
      const second = await resolveEncryptionKey({}, { embedded: true, dataDir });
      expect(second.key.equals(first.key)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps an in-memory database key in memory', async () => {
    const r = await resolveEncryptionKey({}, { embedded: true });
    expect(r).toMatchObject({ source: 'memory', warning: expect.stringContaining('APP_ENCRYPTION_KEY') });
    expect(r.key).toHaveLength(32);
  });

  it('is validated by loadEnv without showing the value', () => {
    expect(() => loadEnv({ APP_ENCRYPTION_KEY: 'too-short-to-be-a-key' })).toThrow(
      'APP_ENCRYPTION_KEY=(hidden): must be 32 bytes',
    );
    expect(loadEnv({ APP_ENCRYPTION_KEY: hex }).APP_ENCRYPTION_KEY).toBe(hex);
  });
});
