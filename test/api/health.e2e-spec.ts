import { ConnectionHealthService } from '../../src/trackers/connections/connection-health.service.js';
import { TrackerError } from '../../src/trackers/issue-tracker.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const GITHUB_TOKEN = 'ghp_health_test_token_value';
const JIRA_TOKEN = 'jira-health-test-token-value';
const WEBHOOK_SECRET = 'health-test-webhook-secret';
const LAST_ERROR = 'HTTP 401: Bad credentials for https://jira.example.com';

let t: TestApp;
const ids: Record<'github' | 'jira' | 'off', string> = { github: '', jira: '', off: '' };

beforeAll(async () => {
  // Health never calls the trackers, so the connections may point anywhere.
  t = await startTestApp({
    GITHUB_API_URL: 'https://ghe.example.com/api/v3',
    GITHUB_TOKEN,
    GITHUB_REPO: 'acme/api',
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  const list = (await t.as('admin').get('/tracker-connections')).body.items as Array<{ id: string; name: string }>;
  ids.github = list.find((c) => c.name === 'default-github')!.id;
  const jira = await t.as('admin').post('/tracker-connections').send({
    kind: 'jira',
    name: 'jira-dc',
    baseUrl: 'https://jira.example.com',
    flavor: 'datacenter',
    token: JIRA_TOKEN,
    webhookSecret: WEBHOOK_SECRET,
    defaultProject: 'OPS',
  });
  expect(jira.status).toBe(201);
  ids.jira = jira.body.id;
  const off = await t.as('admin').post('/tracker-connections').send({
    kind: 'jira',
    name: 'jira-old',
    baseUrl: 'https://old.example.com',
    flavor: 'datacenter',
    token: JIRA_TOKEN,
    enabled: false,
  });
  expect(off.status).toBe(201);
  ids.off = off.body.id;
});
afterAll(async () => {
  await t?.close();
});

const health = () => t.anon().get('/api/v1/health');
const tracker = (body: { trackers: Array<{ id: string }> }, id: string) => body.trackers.find((c) => c.id === id);

describe('GET /health: tracker connections', () => {
  it('lists each enabled connection with its state, publicly and without secrets', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(res.body.trackers).toHaveLength(2);
    expect(tracker(res.body, ids.off)).toBeUndefined();
    expect(tracker(res.body, ids.github)).toEqual({
      id: ids.github,
      name: 'default-github',
      kind: 'github',
      state: 'ok',
      rateLimitedUntil: null,
      failingSince: null,
      lastSuccessAt: null,
    });
    expect(tracker(res.body, ids.jira)).toMatchObject({ name: 'jira-dc', kind: 'jira', state: 'ok' });
  });

  it('a failing tracker makes the status degraded but keeps 200; never the last error or a credential', async () => {
    const svc = t.app.get(ConnectionHealthService);
    await svc.failed(ids.jira, new TrackerError('FORBIDDEN', LAST_ERROR, undefined, 401));
    await svc.failed(ids.github, new TrackerError('RATE_LIMITED', 'HTTP 429: slow down', 60_000, 429));
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(tracker(res.body, ids.jira)).toMatchObject({
      state: 'failing',
      failingSince: expect.any(String),
      rateLimitedUntil: null,
    });
    const limited = tracker(res.body, ids.github) as unknown as { state: string; rateLimitedUntil: string };
    expect(limited.state).toBe('rate_limited');
    expect(Date.parse(limited.rateLimitedUntil)).toBeGreaterThan(Date.now());
    for (const c of res.body.trackers)
      expect(Object.keys(c).sort()).toEqual([
        'failingSince',
        'id',
        'kind',
        'lastSuccessAt',
        'name',
        'rateLimitedUntil',
        'state',
      ]);
    for (const secret of [
      GITHUB_TOKEN,
      JIRA_TOKEN,
      WEBHOOK_SECRET,
      LAST_ERROR,
      'Bad credentials',
      'slow down',
      'lastError',
    ])
      expect(res.text).not.toContain(secret);
  });

  it('a rate-limited tracker alone is not degraded; recovery clears the state', async () => {
    const svc = t.app.get(ConnectionHealthService);
    await svc.succeeded(ids.jira);
    const limited = await health();
    expect(limited.status).toBe(200);
    expect(limited.body.status).toBe('ok');
    expect(tracker(limited.body, ids.github)).toMatchObject({ state: 'rate_limited' });
    await svc.succeeded(ids.github);
    const ok = await health();
    expect(ok.body.status).toBe('ok');
    expect(ok.body.trackers.map((c: { state: string }) => c.state)).toEqual(['ok', 'ok']);
    expect(tracker(ok.body, ids.jira)).toMatchObject({ failingSince: null, lastSuccessAt: expect.any(String) });
  });
});
