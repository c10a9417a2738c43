import type { TrackerFlavor } from '../issue-tracker.js';
import { type ConnectionShape, hostOf, type TrackerIdentities, type TrackerKindSpec } from '../tracker-kind.js';
import { describeJiraRef, parseJiraRef } from './jira.ref.js';
import { jiraWebhooks } from './jira.webhooks.js';

const FLAVORS: readonly TrackerFlavor[] = ['cloud', 'datacenter'];

export const jiraKind: TrackerKindSpec = {
  kind: 'jira',
  name: 'Jira',
  identityNoun: 'Jira account',
  targetField: 'project',
  targetNoun: 'Jira project',
  flavors: FLAVORS,
  shapeProblem(c: ConnectionShape) {
    if (c.flavor && !FLAVORS.includes(c.flavor as TrackerFlavor))
      return { field: 'flavor', problem: 'must be cloud or datacenter for Jira' };
    if (c.flavor === 'cloud' && !c.email)
      return { field: 'email', problem: 'is required for Jira Cloud (with the API token)' };
    if (c.defaultProject?.includes('/'))
      return { field: 'defaultProject', problem: 'must be a Jira project key such as OPS' };
    return null;
  },
  identityOf: (p: TrackerIdentities) => p.jiraAccountId ?? p.jiraUsername,
  isPerson: (p: TrackerIdentities, identity: string) =>
    p.jiraAccountId === identity || p.jiraUsername?.toLowerCase() === identity.toLowerCase(),
  // Cloud account ids are exact; Data Center user names ignore case.
  sameIdentity: (a: string, b: string, flavor: TrackerFlavor) =>
    flavor === 'cloud' ? a === b : a.toLowerCase() === b.toLowerCase(),
  keysIgnoreCase: false,
  connectionHost: (c) => hostOf(c.baseUrl),
  parseRef: parseJiraRef,
  describeRef: describeJiraRef,
  webhooks: jiraWebhooks,
};
