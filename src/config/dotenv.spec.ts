import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDotEnv } from './dotenv.js';

describe('loadDotEnv', () => {
  const dirWith = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dotenv-'));
    writeFileSync(path.join(dir, '.env'), text);
    return dir;
  };

  it('sets what the file says, with comments and quotes read as people write them', () => {
    const env: NodeJS.ProcessEnv = {};
    const dir = dirWith('# settings\nPORT=4100   # the port\nPUBLIC_URL=\nMAIL_FROM="Ops <ops@example.com>"\n');
    expect(loadDotEnv(dir, env).sort()).toEqual(['MAIL_FROM', 'PORT', 'PUBLIC_URL']);
    expect(env).toEqual({ PORT: '4100', PUBLIC_URL: '', MAIL_FROM: 'Ops <ops@example.com>' });
  });

  it('lets the environment win over the file', () => {
    const env: NodeJS.ProcessEnv = { PORT: '3000' };
    expect(loadDotEnv(dirWith('PORT=4100\nLOG_LEVEL=debug\n'), env)).toEqual(['LOG_LEVEL']);
    expect(env).toEqual({ PORT: '3000', LOG_LEVEL: 'debug' });
  });

  it('does nothing without a .env file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv(mkdtempSync(path.join(tmpdir(), 'dotenv-')), env)).toEqual([]);
    expect(env).toEqual({});
  });
});
