import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { PAGE_CSP, webPages } from '../../src/dashboard/web-pages.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dataSource } from './dashboard-fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signIn = (token: string, headers: Record<string, string> = {}) =>
  t.anon().post('/api/v1/auth/session').set(headers).send({ token });
const cookieOf = (res: request.Response) => {
  const raw = res.headers['set-cookie'] as unknown as string[];
  return raw.find((c) => c.startsWith('rt_session='))!;
};
const cookiePair = (setCookie: string) => setCookie.split(';')[0];

describe('session cookie for the pages', () => {
  it('exchanges a valid token for an HttpOnly, SameSite=Strict cookie; a bad token is a 401', async () => {
    expect((await signIn('rmt_not-a-token')).status).toBe(401);
    expect((await t.anon().post('/api/v1/auth/session').send({})).status).toBe(400);
    const res = await signIn(t.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'test viewer', role: 'viewer' });
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const res = await signIn(t.tokens.viewer, { 'X-Forwarded-Proto': 'https' });
    expect(cookieOf(res)).toMatch(/; Secure/);
  });

  it('stores only the hash of the secret', async () => {
    const res = await signIn(t.tokens.editor);
    const secret = decodeURIComponent(cookiePair(cookieOf(res)).slice('rt_session='.length));
    const rows = await dataSource(t).query<Array<{ secret_hash: string }>>('SELECT secret_hash FROM web_session');
    const hashes = rows.map((r) => r.secret_hash);
    expect(hashes).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(hashes).not.toContain(secret);
  });

  it('authorises reads as the token, never writes, and ends at sign-out', async () => {
    const cookie = cookiePair(cookieOf(await signIn(t.tokens.admin)));
    const me = await t.anon().get('/api/v1/auth/session').set('Cookie', cookie);
    expect(me.body).toMatchObject({ name: 'test admin', role: 'admin' });
    expect((await t.anon().get('/api/v1/dashboard/summary').set('Cookie', cookie)).status).toBe(200);
    expect((await t.anon().get('/api/v1/tokens').set('Cookie', cookie)).status).toBe(200);
    // A write with only the cookie is refused, even for an admin's session.
    const write = await t.anon().post('/api/v1/teams').set('Cookie', cookie).send({ name: 'Cookie team' });
    expect(write.status).toBe(401);

    const out = await t.anon().delete('/api/v1/auth/session').set('Cookie', cookie);
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/^rt_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await t.anon().get('/api/v1/dashboard/summary').set('Cookie', cookie)).status).toBe(401);
  });

  it('dies with its token', async () => {
    const created = await t.as('admin').post('/tokens').send({ name: 'short-lived', role: 'viewer' });
    const cookie = cookiePair(cookieOf(await signIn(created.body.token)));
    expect((await t.anon().get('/api/v1/dashboard/summary').set('Cookie', cookie)).status).toBe(200);
    expect((await t.as('admin').delete(`/tokens/${created.body.id}`)).status).toBe(204);
    expect((await t.anon().get('/api/v1/dashboard/summary').set('Cookie', cookie)).status).toBe(401);
  });

  it('serves pages with the Content-Security-Policy, and leaves /api, docs and /metrics as they were', async () => {
    const page = await t.anon().get('/items');
    expect([200, 503]).toContain(page.status);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    const health = await t.anon().get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-security-policy']).toBeUndefined();
    const unknown = await t.anon().get('/api/v1/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await t.anon().get('/api/docs-json')).status).toBe(200);
    expect((await t.anon().get('/metrics')).status).toBe(200);
  });
});

describe('webPages', () => {
  let dir: string;
  let app: express.Express;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rt-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Remediations</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    app = express();
    app.use(webPages(dir));
    app.use((_req, res) => res.status(418).send('api'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers index.html for every page path, assets with long caching, and passes /api on', async () => {
    for (const path of ['/', '/items', '/postmortems/5b7c2d4e-1111-4222-8333-944455556666', '/sign-in']) {
      const res = await request(app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.text).toContain('<title>Remediations</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const asset = await request(app).get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
    expect((await request(app).get('/api/v1/health')).status).toBe(418);
    expect((await request(app).get('/metrics')).status).toBe(418);
  });

  it('says how to build when the pages are missing', async () => {
    const bare = express();
    bare.use(webPages(join(dir, 'nothing-here')));
    const res = await request(bare).get('/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build');
  });
});
