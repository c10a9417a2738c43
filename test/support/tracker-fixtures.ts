import type { FakeGithub } from '../fakes/fake-github.server.js';
import type { FakeJira } from '../fakes/fake-jira.server.js';
import type { TestApp } from './test-app.js';

/** The JIRA_* / GITHUB_* variables that make `default-jira` and `default-github` point at the fakes. */
export function trackerEnv(fakes: { gh?: FakeGithub; jira?: FakeJira; repo?: string; project?: string }): Record<string, string> {
  const env: Record<string, string> = {};
  if (fakes.gh) Object.assign(env, { GITHUB_API_URL: fakes.gh.apiUrl, GITHUB_TOKEN: fakes.gh.token, GITHUB_REPO: fakes.repo ?? 'acme/api' });
  if (fakes.jira)
    Object.assign(env, { JIRA_BASE_URL: fakes.jira.http.url, JIRA_FLAVOR: 'cloud', JIRA_EMAIL: fakes.jira.email, JIRA_API_TOKEN: fakes.jira.token, JIRA_PROJECT: fakes.project ?? 'OPS' });
  return env;
}

/** Connection ids by name, as an admin sees them. */
export async function connectionIds(t: TestApp): Promise<Record<string, string>> {
  const list = (await t.as('admin').get('/tracker-connections')).body.items as Array<{ id: string; name: string }>;
  return Object.fromEntries(list.map((c) => [c.name, c.id]));
}
