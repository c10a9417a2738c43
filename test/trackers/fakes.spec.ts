import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira } from '../fakes/fake-jira.server.js';
import { parseJql } from '../fakes/fake-jql.js';
import { OpenApiValidator } from '../fakes/openapi-validator.js';

/** The fakes must fail loudly: a contract suite against a lenient fake proves nothing. */
describe('tracker fakes', () => {
  describe('Jira', () => {
    let jira: FakeJira;
    const post = (
      path: string,
      body: unknown,
      auth = `Basic ${Buffer.from(`${jira.email}:${jira.token}`).toString('base64')}`,
    ) =>
      fetch(`${jira.http.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify(body),
      });

    afterEach(() => jira.stop());

    it('answers the removed /search with 410 on Cloud and records a violation', async () => {
      jira = new FakeJira({ flavor: 'cloud' });
      await jira.start();
      const res = await post('/rest/api/3/search', { jql: 'project = OPS' });
      expect(res.status).toBe(410);
      expect(() => jira.http.assertNoViolations()).toThrow(/removed this endpoint/);
    });

    it('rejects JQL outside the supported subset with a 400 and a violation', async () => {
      jira = new FakeJira({ flavor: 'cloud' });
      await jira.start();
      const res = await post('/rest/api/3/search/jql', {
        jql: 'labels in (a, b) OR project = OPS',
        fields: ['summary'],
      });
      expect(res.status).toBe(400);
      expect(() => jira.http.assertNoViolations()).toThrow(/unsupported JQL/);
    });

    it('validates request bodies against the description', async () => {
      jira = new FakeJira({ flavor: 'cloud' });
      await jira.start();
      await post('/rest/api/2/search/jql', { jql: 'project = OPS', startAt: 0 });
      expect(() => jira.http.assertNoViolations()).toThrow(/must NOT have additional properties.*startAt/);
    });

    it('pages Cloud search with tokens and no total; Data Center with startAt and total', async () => {
      jira = new FakeJira({ flavor: 'cloud', maxResultsCap: 2 });
      await jira.start();
      for (let i = 0; i < 3; i++) jira.seedIssue();
      const first = (await (
        await post('/rest/api/2/search/jql', { jql: 'project = OPS ORDER BY key ASC', fields: ['summary'] })
      ).json()) as Record<string, unknown>;
      expect(first).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
      expect(first).not.toHaveProperty('total');
      const last = (await (
        await post('/rest/api/2/search/jql', {
          jql: 'project = OPS ORDER BY key ASC',
          nextPageToken: first.nextPageToken,
        })
      ).json()) as Record<string, unknown>;
      expect(last).toMatchObject({ isLast: true, issues: [{ key: 'OPS-3' }] });
      expect(last).not.toHaveProperty('nextPageToken');
      jira.http.assertNoViolations();
      await jira.stop();

      jira = new FakeJira({ flavor: 'datacenter', maxResultsCap: 2 });
      await jira.start();
      for (let i = 0; i < 3; i++) jira.seedIssue();
      const dc = await post(
        '/rest/api/2/search',
        { jql: 'project = OPS ORDER BY key DESC', startAt: 2, maxResults: 50 },
        `Bearer ${jira.token}`,
      );
      expect(await dc.json()).toMatchObject({ startAt: 2, maxResults: 2, total: 3, issues: [{ key: 'OPS-1' }] });
      jira.http.assertNoViolations();
    });

    it("hides new issues from search for searchLagMs, like Cloud's index", async () => {
      jira = new FakeJira({ flavor: 'cloud', searchLagMs: 10_000 });
      await jira.start();
      await post('/rest/api/2/issue', {
        fields: { project: { key: 'OPS' }, summary: 's', issuetype: { name: 'Task' } },
      });
      const found = (await (await post('/rest/api/2/search/jql', { jql: 'project = OPS' })).json()) as {
        issues: unknown[];
      };
      expect(found.issues).toHaveLength(0);
      expect(jira.allIssues()).toHaveLength(1);
    });

    it('refuses a Cloud assignee given by name (GDPR) and wrong credentials', async () => {
      jira = new FakeJira({ flavor: 'cloud' });
      await jira.start();
      const byName = await post('/rest/api/2/issue', {
        fields: { project: { key: 'OPS' }, summary: 's', issuetype: { name: 'Task' }, assignee: { name: 'alice' } },
      });
      expect(byName.status).toBe(400);
      expect((await post('/rest/api/2/search/jql', { jql: '' }, 'Basic nope')).status).toBe(401);
    });

    it("reads JQL dates in the user's time zone", () => {
      const q = parseJql('updated >= "2030-07-01 09:30" AND created < "2030/01/01"', 'Europe/Berlin');
      expect(q.clauses).toEqual([
        { field: 'updated', op: '>=', at: new Date('2030-07-01T07:30:00Z') },
        { field: 'created', op: '<', at: new Date('2029-12-31T23:00:00Z') },
      ]);
      expect(() => parseJql('updated >= "yesterday"', 'UTC')).toThrow(/invalid/);
      expect(() => parseJql('text ~ "x"', 'UTC')).toThrow(/unsupported/);
    });
  });

  describe('GitHub', () => {
    let github: FakeGithub;
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${github.apiUrl}${path}`, { headers: { authorization: `token ${github.token}`, ...headers } });

    beforeEach(async () => {
      github = new FakeGithub({ repos: ['acme/api'] });
      await github.start();
    });

    afterEach(() => github.stop());

    it('pages with Link headers and answers If-None-Match with a 304 that costs nothing', async () => {
      for (let i = 0; i < 3; i++) github.seedIssue('acme/api');
      const first = await get('/repos/acme/api/issues?per_page=2');
      expect(first.headers.get('link')).toMatch(/page=2>; rel="next"/);
      expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');

      const etag = first.headers.get('etag')!;
      const again = await get('/repos/acme/api/issues?per_page=2', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('x-ratelimit-remaining')).toBe('4999');
      github.http.assertNoViolations();
    });

    it('records unexpected routes, unknown query parameters and unsupported filters', async () => {
      expect((await get('/repos/acme/api/pulls')).status).toBe(404);
      await get('/repos/acme/api/issues?per-page=5');
      await get('/repos/acme/api/issues?assignee=alice');
      const violations = github.http.violations.join('\n');
      expect(violations).toMatch(/unexpected request GET \/repos\/acme\/api\/pulls/);
      expect(violations).toMatch(/additional properties.*per-page/);
      expect(violations).toMatch(/"assignee" filter/);
      expect(() => github.http.assertNoViolations()).toThrow();
    });

    it('validates request bodies against the description', async () => {
      await fetch(`${github.apiUrl}/repos/acme/api/issues`, {
        method: 'POST',
        headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'x', labels: 'not-an-array' }),
      });
      expect(() => github.http.assertNoViolations()).toThrow(/request body: \/labels must be array/);
    });

    it('injects faults: statuses for the next N matching requests, then normal answers', async () => {
      github.http.failNext(
        { method: 'GET', path: '/user' },
        { type: 'status', status: 503, headers: { 'retry-after': '2' } },
        2,
      );
      expect((await get('/user')).status).toBe(503);
      expect((await get('/user')).headers.get('retry-after')).toBe('2');
      expect((await get('/user')).status).toBe(200);
      expect(github.http.requestCount).toBe(3);
    });

    it('answers after the configured latency', async () => {
      github.http.latencyMs = 120;
      const started = Date.now();
      await get('/user');
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    });

    it('drops the response after performing a create', async () => {
      github.http.failNext({ method: 'POST' }, { type: 'drop-response' });
      await expect(
        fetch(`${github.apiUrl}/repos/acme/api/issues`, {
          method: 'POST',
          headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'x' }),
        }),
      ).rejects.toThrow();
      expect(github.allIssues('acme/api')).toHaveLength(1);
    });
  });

  describe('OpenAPI validator', () => {
    it('rejects a response that does not match the schema', () => {
      const gh = OpenApiValidator.forDocument('github-issues.json');
      expect(
        gh
          .validateResponse({ method: 'GET', path: '/repos/a/b/issues/1', status: 200, body: { number: 'one' } })
          .join('\n'),
      ).toMatch(/must have required property 'html_url'/);
      const jira = OpenApiValidator.forDocument('jira-cloud-v3-issues.json');
      expect(
        jira
          .validateResponse({
            method: 'POST',
            path: '/rest/api/3/search/jql',
            status: 200,
            body: { issues: [], total: 3 },
          })
          .join('\n'),
      ).toMatch(/additional properties/);
    });

    it('knows nothing of paths outside the description', () => {
      expect(
        OpenApiValidator.forDocument('github-issues.json').validateRequest({
          method: 'GET',
          path: '/gists',
          query: {},
          body: undefined,
        }),
      ).toEqual([expect.stringMatching(/no such operation/)]);
    });
  });
});
