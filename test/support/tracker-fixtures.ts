import type { FakeGithub } from '../fakes/fake-github.server.js';
import type { FakeJira } from '../fakes/fake-jira.server.js';
import type { TestApp } from './test-app.js';

/** The JIRA_* / GITHUB_* variables that make `default-jira` and `default-github` point at the fakes. */
export function trackerEnv(fakes: {
  gh?: FakeGithub;
  jira?: FakeJira;
  repo?: string;
  project?: string;
}): Record<string, string> {
  const env: Record<string, string> = {};
  if (fakes.gh)
    Object.assign(env, {
      GITHUB_API_URL: fakes.gh.apiUrl,
      GITHUB_TOKEN: fakes.gh.token,
      GITHUB_REPO: fakes.repo ?? 'acme/api',
    });
  if (fakes.jira)
    Object.assign(env, {
      JIRA_BASE_URL: fakes.jira.http.url,
      JIRA_FLAVOR: 'cloud',
      JIRA_EMAIL: fakes.jira.email,
      JIRA_API_TOKEN: fakes.jira.token,
      JIRA_PROJECT: fakes.project ?? 'OPS',
    });
  return env;
}

/** Connection ids by name, as an admin sees them. */
export async function connectionIds(t: TestApp): Promise<Record<string, string>> {
  const list = (await t.as('admin').get('/tracker-connections')).body.items as Array<{ id: string; name: string }>;
  return Object.fromEntries(list.map((c) => [c.name, c.id]));
}

/** Adds a Jira Data Center connection on the fake, returning its id. */
export async function addJiraDcConnection(
  t: TestApp,
  dc: FakeJira,
  name = 'jira-dc',
  defaultProject = 'INF',
): Promise<string> {
  const res = await t
    .as('admin')
    .post('/tracker-connections')
    .send({ kind: 'jira', name, baseUrl: dc.http.url, flavor: 'datacenter', token: dc.token, defaultProject });
  if (res.status !== 201) throw new Error(`addJiraDcConnection: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Fails the test when a fake saw a request or sent a response its OpenAPI document does not allow. */
export function assertFakesClean(...fakes: Array<{ http: { assertNoViolations(): void } } | undefined>): void {
  for (const f of fakes) f?.http.assertNoViolations();
}
