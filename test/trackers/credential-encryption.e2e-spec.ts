import { randomBytes } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { setCredentialKey } from '../../src/common/credential-cipher.js';
import { loadEnv } from '../../src/config/env.config.js';
import { createApp } from '../../src/create-app.js';
import { CredentialEncryptionService } from '../../src/trackers/connections/credential-encryption.service.js';
import { TrackerConnectionsService } from '../../src/trackers/connections/tracker-connections.service.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { startTestApp, TEST_ENCRYPTION_KEY, type TestApp } from '../support/test-app.js';
import { trackerEnv } from '../support/tracker-fixtures.js';

let t: TestApp;
let gh: FakeGithub;
let ds: DataSource;
beforeAll(async () => {
  gh = new FakeGithub({ repos: ['acme/api'], pathPrefix: '/api/v3' });
  await gh.start();
  t = await startTestApp({ ...trackerEnv({ gh }), GITHUB_WEBHOOK_SECRET: 'env-hook-secret' });
  ds = t.app.get<DataSource>(getDataSourceToken());
});
afterAll(async () => {
  await t?.close();
  await gh?.stop();
});

type Stored = { id: string; name: string; token: string; webhook_secret: string | null };
const stored = (name: string) =>
  ds
    .query<Stored[]>(`SELECT id, name, token, webhook_secret FROM tracker_connection WHERE name = $1`, [name])
    .then((r) => r[0]);

describe('tracker credentials at rest', () => {
  it('stores the token and webhook secret encrypted, and still uses them', async () => {
    const name = `gh-${randomBytes(3).toString('hex')}`;
    const res = await t.as('admin').post('/tracker-connections').send({
      kind: 'github',
      name,
      baseUrl: gh.apiUrl,
      flavor: 'enterprise',
      token: gh.token,
      defaultProject: 'acme/api',
      webhookSecret: 'api-hook-secret',
    });
    expect(res.status).toBe(201);
    const row = await stored(name);
    expect(row.token).toMatch(/^enc:v1:/);
    expect(row.webhook_secret).toMatch(/^enc:v1:/);
    expect(row.token).not.toContain(gh.token);
    expect(row.webhook_secret).not.toContain('api-hook-secret');
    // The adapter gets the plain token: the fake only answers the right one.
    const tested = await t.as('admin').post(`/tracker-connections/${res.body.id}/test`).send({});
    expect(tested.body).toMatchObject({ ok: true });
    const env = await stored('default-github');
    expect(env.token).toMatch(/^enc:v1:/);
    expect(env.webhook_secret).not.toContain('env-hook-secret');
  });

  it('encrypts rows stored in plain text before encryption, once', async () => {
    const name = `legacy-${randomBytes(3).toString('hex')}`;
    await ds.query(
      `INSERT INTO tracker_connection (kind, name, base_url, flavor, token, webhook_secret, default_project)
       VALUES ('github', $1, $2, 'enterprise', $3, 'legacy-secret', 'acme/api')`,
      [name, gh.apiUrl, gh.token],
    );
    const svc = t.app.get(CredentialEncryptionService);
    expect(await svc.encryptPlainRows()).toBe(1);
    expect(await svc.encryptPlainRows()).toBe(0);
    const row = await stored(name);
    expect(row.token).toMatch(/^enc:v1:/);
    expect(row.webhook_secret).toMatch(/^enc:v1:/);
    const conn = await t.app.get(TrackerConnectionsService).find(ds.manager, row.id);
    expect(conn).toMatchObject({ token: gh.token, webhookSecret: 'legacy-secret' });
  });

  it('refuses to start with a key the credentials were not encrypted with', async () => {
    const env = loadEnv({
      NODE_ENV: 'test',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'error',
      APP_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: t.db.url,
    });
    const other = await createApp(env, t.db);
    try {
      await expect(other.init()).rejects.toThrow(/APP_ENCRYPTION_KEY is not the key/);
    } finally {
      // The half-started app holds the job queue's timers: close it, and give the suite's app its key back.
      await other.close();
      setCredentialKey(Buffer.from(TEST_ENCRYPTION_KEY, 'base64'));
    }
  });
});
