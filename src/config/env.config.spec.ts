import { ConfigError, loadEnv } from './env.config.js';

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      EMBEDDED_DB_DIR: './data/pglite',
      METRICS_ENABLED: true,
      TRACKER_SYNC_INTERVAL_MINUTES: 5,
      QUALITY_WINDOW_HIGH_DAYS: 30,
      JIRA_FLAVOR: 'cloud',
      GITHUB_API_URL: 'https://api.github.com',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('turns strings into numbers and booleans', () => {
    expect(loadEnv({ PORT: '8080', METRICS_ENABLED: 'false' })).toMatchObject({ PORT: 8080, METRICS_ENABLED: false });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL=\(hidden\): must be a postgres/],
    [{ METRICS_ENABLED: 'perhaps' }, /METRICS_ENABLED/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ BOOTSTRAP_ADMIN_TOKEN: 'short' }, /BOOTSTRAP_ADMIN_TOKEN=\(hidden\): must be at least 32/],
    [{ JIRA_BASE_URL: 'https://acme.atlassian.net' }, /JIRA_PROJECT: required/],
    [{ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_PROJECT: 'OPS' }, /JIRA_EMAIL and JIRA_API_TOKEN/],
    [{ GITHUB_TOKEN: 'ghp_x' }, /GITHUB_TOKEN and GITHUB_REPO/],
    [{ GITHUB_REPO: 'no-slash', GITHUB_TOKEN: 'x' }, /GITHUB_REPO="no-slash": must be owner\/repo/],
  ])('refuses %j naming the variable', (raw, message) => {
    expect(() => loadEnv(raw)).toThrow(ConfigError);
    expect(() => loadEnv(raw)).toThrow(message);
  });

  it('never repeats a secret in its message', () => {
    try {
      loadEnv({ BOOTSTRAP_ADMIN_TOKEN: 'tiny-secret' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).not.toContain('tiny-secret');
    }
  });
});

describe('loadEnv with variables set to the empty string', () => {
  it.each([
    ['JOBS_ENABLED', true],
    ['NUDGE_TICKET_COMMENTS', false],
    ['METRICS_ENABLED', true],
    ['PORT', 3000],
    ['DIGEST_HOUR', 9],
    ['LOG_LEVEL', 'info'],
    ['NODE_ENV', 'development'],
    ['HOST', '0.0.0.0'],
    ['EMBEDDED_DB_DIR', './data/pglite'],
    ['JIRA_FLAVOR', 'cloud'],
    ['NUDGE_CRON', '0 * * * *'],
    ['MAIL_FROM', 'Remediation Tracker <remediation@localhost>'],
  ])('%s= takes the default, as if unset', (name, expected) => {
    expect(loadEnv({ [name]: '' })[name as keyof ReturnType<typeof loadEnv>]).toBe(expected);
  });

  it('leaves optional variables without a default absent', () => {
    const env = loadEnv({ SMTP_URL: '', MAIL_REPLY_TO: '', DATABASE_URL: '', GITHUB_TOKEN: '', GITHUB_REPO: '' });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_REPLY_TO).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.GITHUB_TOKEN).toBeUndefined();
  });

  it('still reads a value that is set beside empty ones', () => {
    expect(loadEnv({ JOBS_ENABLED: 'false', NUDGE_TICKET_COMMENTS: '' })).toMatchObject({
      JOBS_ENABLED: false,
      NUDGE_TICKET_COMMENTS: false,
    });
  });
});
