import type { TrackerFlavor } from '../issue-tracker.js';
import { type ConnectionShape, hostOf, type TrackerIdentities, type TrackerKindSpec } from '../tracker-kind.js';
import { describeGithubRef, parseGithubRef } from './github.ref.js';
import { githubWebhooks } from './github.webhooks.js';
import { githubApiUrl } from './github.client.js';

const FLAVORS: readonly TrackerFlavor[] = ['github.com', 'enterprise'];

export const githubKind: TrackerKindSpec = {
  kind: 'github',
  name: 'GitHub',
  identityNoun: 'GitHub login',
  targetField: 'repo',
  targetNoun: 'GitHub repository',
  flavors: FLAVORS,
  shapeProblem(c: ConnectionShape) {
    if (c.flavor && !FLAVORS.includes(c.flavor as TrackerFlavor))
      return { field: 'flavor', problem: 'must be github.com or enterprise for GitHub' };
    if (c.defaultProject && !c.defaultProject.includes('/'))
      return { field: 'defaultProject', problem: 'must be owner/repo' };
    return null;
  },
  identityOf: (p: TrackerIdentities) => p.githubLogin,
  isPerson: (p: TrackerIdentities, identity: string) => p.githubLogin?.toLowerCase() === identity.toLowerCase(),
  // GitHub logins ignore case.
  sameIdentity: (a: string, b: string) => a.toLowerCase() === b.toLowerCase(),
  // Owner and repository names ignore case.
  keysIgnoreCase: true,
  connectionHost(c) {
    try {
      return hostOf(githubApiUrl(c.baseUrl, c.flavor === 'enterprise' ? 'enterprise' : 'github.com'));
    } catch {
      return null;
    }
  },
  parseRef: parseGithubRef,
  describeRef: describeGithubRef,
  webhooks: githubWebhooks,
};
