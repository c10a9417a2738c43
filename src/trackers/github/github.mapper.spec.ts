import type { GithubIssueJson } from './github.client.js';
import {
  issueBody,
  issueFromWebhook,
  issueLabels,
  itemIdFromBody,
  markerComment,
  parseGithubWebhook,
  parseIssueRef,
  repoFromUrl,
  stateOf,
  toTrackerIssue,
} from './github.mapper.js';

const issue: GithubIssueJson = {
  number: 12,
  title: 'Alert on queue depth',
  body: 'Text\n\n<!-- remediation:3f1c2b9e-0000-4000-8000-000000000001 -->',
  state: 'closed',
  state_reason: 'not_planned',
  labels: [{ name: 'postmortem' }, 'sre'],
  assignee: { login: 'alice' },
  html_url: 'https://github.com/acme/api/issues/12',
  repository_url: 'https://api.github.com/repos/acme/api',
  created_at: '2030-01-01T00:00:00Z',
  updated_at: '2030-01-02T00:00:00Z',
};

describe('github mapper', () => {
  it.each([
    ['open', null, 'open'],
    ['open', 'reopened', 'open'],
    ['closed', 'completed', 'done'],
    // Issues closed before GitHub had reasons carry none: they were completed.
    ['closed', null, 'done'],
    ['closed', 'not_planned', 'wont_do'],
    ['closed', 'duplicate', 'wont_do'],
  ])('%s/%s is %s', (state, reason, expected) => {
    expect(stateOf(state, reason)).toBe(expected);
  });

  it('maps an issue, key owner/repo#N, no due date', () => {
    expect(toTrackerIssue(issue)).toEqual({
      key: 'acme/api#12',
      number: 12,
      project: 'acme/api',
      url: 'https://github.com/acme/api/issues/12',
      title: 'Alert on queue depth',
      externalStatus: 'closed',
      state: 'wont_do',
      closeReason: 'not_planned',
      assignee: 'alice',
      dueDate: null,
      labels: ['postmortem', 'sre'],
      updatedAt: '2030-01-02T00:00:00Z',
      itemId: '3f1c2b9e-0000-4000-8000-000000000001',
    });
  });

  it('reads the repository from github.com and Enterprise API URLs', () => {
    expect(repoFromUrl('https://api.github.com/repos/acme/api')).toBe('acme/api');
    expect(repoFromUrl('https://ghe.corp/api/v3/repos/platform/web')).toBe('platform/web');
  });

  it('round-trips the hidden marker, and tolerates spacing', () => {
    expect(itemIdFromBody(`x\n${markerComment('abc-1')}\ny`)).toBe('abc-1');
    expect(itemIdFromBody('<!--remediation:abc-2-->')).toBe('abc-2');
    expect(itemIdFromBody('remediation:abc-3')).toBeNull();
    expect(itemIdFromBody(null)).toBeNull();
  });

  it('writes the body with criteria, due date, owner, postmortem link and the marker last', () => {
    const body = issueBody({
      itemId: 'item-1',
      project: 'acme/api',
      title: 't',
      description: 'Why',
      successCriteria: 'Pager fires',
      dueDate: '2030-03-01',
      priority: 'high',
      ownerName: 'Ann',
      assignee: null,
      postmortemTitle: 'Outage [db]',
      postmortemUrl: 'https://pm.example/wiki/Outage_(db)',
    });
    expect(body).toContain('**Due:** 2030-03-01');
    expect(body).toContain('[Outage db](https://pm.example/wiki/Outage_%28db%29)');
    expect(body.endsWith(markerComment('item-1'))).toBe(true);
  });

  it('merges labels without duplicates', () => {
    expect(issueLabels({ labels: ['sre', ' postmortem '] } as never, ['sre', 'ops'])).toEqual([
      'postmortem',
      'sre',
      'ops',
    ]);
  });

  it.each([
    ['acme/api#12', null, { owner: 'acme', repo: 'api', number: 12 }],
    ['12', 'acme/api', { owner: 'acme', repo: 'api', number: 12 }],
    ['#12', 'acme/api', { owner: 'acme', repo: 'api', number: 12 }],
    ['12', null, null],
    ['acme/api#0', null, null],
    ['OPS-12', 'acme/api', null],
  ])('parses the issue reference %s (default %s)', (ref, repo, expected) => {
    expect(parseIssueRef(ref, repo)).toEqual(expected);
  });

  it('maps webhook deliveries with actor and whether the issue left', () => {
    const payload = { action: 'transferred', issue, repository: { full_name: 'acme/api' }, sender: { login: 'bob' } };
    expect(parseGithubWebhook(payload)).toMatchObject({
      action: 'transferred',
      gone: true,
      actor: 'bob',
      issue: { key: 'acme/api#12' },
    });
    expect(issueFromWebhook({ ...payload, action: 'closed' }).state).toBe('wont_do');
    expect(() => issueFromWebhook({ action: 'ping' } as never)).toThrow(/issues webhook/);
  });
});
