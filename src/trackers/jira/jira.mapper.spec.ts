import type { JiraIssue, JiraTransition } from './jira.client.js';
import {
  closingTransition,
  createFields,
  descriptionWiki,
  isoTime,
  issueFromWebhook,
  jqlDateTime,
  jqlString,
  parseJiraWebhook,
  resolutionFor,
  stateOf,
  toTrackerIssue,
} from './jira.mapper.js';

const done = { name: 'Done', statusCategory: { key: 'done' } };
const open = { name: 'In Progress', statusCategory: { key: 'indeterminate' } };

describe('jira mapper', () => {
  describe('stateOf', () => {
    it.each([
      [open, null, 'open'],
      [{ name: 'To Do', statusCategory: { key: 'new' } }, null, 'open'],
      [done, null, 'done'],
      [done, { name: 'Done' }, 'done'],
      [done, { name: 'Fixed' }, 'done'],
      [done, { name: "Won't Do" }, 'wont_do'],
      [done, { name: "won't fix" }, 'wont_do'],
      [done, { name: 'Duplicate' }, 'wont_do'],
      [done, { name: 'Cannot Reproduce' }, 'wont_do'],
      [done, { name: 'Declined' }, 'wont_do'],
      // A category name is per instance ("Closed", "Erledigt"); only the key decides.
      [{ name: 'Erledigt', statusCategory: { key: 'done', name: 'Fertig' } }, null, 'done'],
      // A stray resolution on an open status does not close it.
      [open, { name: "Won't Do" }, 'open'],
      [undefined, undefined, 'open'],
    ])('%j with resolution %j is %s', (status, resolution, expected) => {
      expect(stateOf({ status, resolution })).toBe(expected);
    });
  });

  const issue: JiraIssue = {
    id: '10001',
    key: 'OPS-7',
    fields: {
      summary: 'Alert on queue depth',
      status: done,
      resolution: { name: "Won't Do" },
      assignee: { accountId: 'acc-1', name: 'alice', displayName: 'Alice' },
      duedate: '2030-03-01',
      labels: ['postmortem', 'remediation-item-1'],
      updated: '2030-01-02T03:04:05.678+0100',
      project: { key: 'OPS' },
    },
  };

  it('maps an issue to our words, per flavour', () => {
    expect(toTrackerIssue(issue, { baseUrl: 'https://acme.atlassian.net/', flavor: 'cloud' })).toEqual({
      key: 'OPS-7',
      number: null,
      project: 'OPS',
      url: 'https://acme.atlassian.net/browse/OPS-7',
      title: 'Alert on queue depth',
      externalStatus: 'Done',
      state: 'wont_do',
      closeReason: "Won't Do",
      assignee: 'acc-1',
      dueDate: '2030-03-01',
      labels: ['postmortem', 'remediation-item-1'],
      updatedAt: '2030-01-02T02:04:05.678Z',
      itemId: 'item-1',
    });
    expect(toTrackerIssue(issue, { baseUrl: 'https://jira.corp', flavor: 'datacenter' }).assignee).toBe('alice');
  });

  it('takes the item id from the property before the label', () => {
    expect(
      toTrackerIssue({ ...issue, properties: { remediation: { itemId: 'item-9' } } }, { baseUrl: 'x', flavor: 'cloud' })
        .itemId,
    ).toBe('item-9');
    expect(
      toTrackerIssue({ ...issue, fields: { ...issue.fields, labels: [] } }, { baseUrl: 'x', flavor: 'cloud' }).itemId,
    ).toBeNull();
  });

  it('parses Jira timestamps with and without a colon in the offset', () => {
    expect(isoTime('2030-01-02T03:04:05.000+0000')).toBe('2030-01-02T03:04:05.000Z');
    expect(isoTime('2030-01-02T03:04:05.000-05:30')).toBe('2030-01-02T08:34:05.000Z');
  });

  it('maps webhook deliveries', () => {
    const payload = {
      webhookEvent: 'jira:issue_deleted',
      timestamp: 1,
      user: { accountId: 'acc-2', displayName: 'Bob' },
      issue,
    };
    expect(parseJiraWebhook(payload, 'https://acme.atlassian.net', 'cloud')).toMatchObject({
      event: 'jira:issue_deleted',
      deleted: true,
      actor: 'acc-2',
      issue: { key: 'OPS-7', state: 'wont_do' },
    });
    expect(issueFromWebhook({ ...payload, webhookEvent: 'jira:issue_updated' }, 'https://acme.atlassian.net').key).toBe(
      'OPS-7',
    );
    expect(() => issueFromWebhook({ webhookEvent: 'jira:issue_updated' } as never, 'x')).toThrow(/issue.key/);
  });

  it('quotes JQL strings and writes dates in the given zone at minute precision', () => {
    expect(jqlString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(jqlDateTime(new Date('2030-06-30T23:59:59Z'), 'Europe/Berlin')).toBe('"2030-07-01 01:59"');
    expect(jqlDateTime(new Date('2030-01-01T00:00:30Z'), 'UTC')).toBe('"2030-01-01 00:00"');
  });

  const input = {
    itemId: 'item-1',
    project: 'OPS',
    title: 'T',
    description: null,
    successCriteria: 'S',
    dueDate: '2030-03-01',
    priority: 'critical' as const,
    ownerName: 'Ann | Ops',
    assignee: null,
    postmortemTitle: 'Outage [db]',
    postmortemUrl: 'https://pm.example/1',
    labels: ['needs triage', 'postmortem'],
  };

  it('builds create fields: priority, labels without spaces, no assignee when none', () => {
    const fields = createFields(input, { flavor: 'cloud', issueType: 'Task', connectionLabels: ['sre'] });
    expect(fields).toMatchObject({
      priority: { name: 'Highest' },
      labels: ['postmortem', 'sre', 'needs-triage', 'remediation-item-1'],
      duedate: '2030-03-01',
    });
    expect(fields).not.toHaveProperty('assignee');
  });

  it('escapes wiki markup in names that end up in links and tables', () => {
    const wiki = descriptionWiki(input);
    expect(wiki).toContain('||Owner|Ann \\| Ops|');
    expect(wiki).toContain('[Outage \\[db\\]|https://pm.example/1]');
    expect(wiki.startsWith('h3. Success criteria')).toBe(true);
  });

  describe('closing', () => {
    const resolution = (...names: string[]) => ({
      resolution: { required: true, allowedValues: names.map((name) => ({ name })) },
    });
    const transitions: JiraTransition[] = [
      { id: '11', name: 'Start', to: open },
      { id: '31', name: 'Resolve', to: done, fields: resolution('Done', "Won't Do", 'Duplicate') },
      { id: '41', name: 'Reject', to: { name: "Won't Do", statusCategory: { key: 'done' } } },
    ];

    it("picks a done-category transition, a won't-do looking one for wont_do", () => {
      expect(closingTransition(transitions, 'done')?.id).toBe('31');
      expect(closingTransition(transitions, 'wont_do')?.id).toBe('41');
      expect(closingTransition([transitions[1]], 'wont_do')?.id).toBe('31');
      expect(closingTransition([transitions[0]], 'done')).toBeNull();
    });

    it('picks the resolution the screen allows', () => {
      expect(resolutionFor(transitions[1], 'done')).toBe('Done');
      expect(resolutionFor(transitions[1], 'wont_do')).toBe("Won't Do");
      expect(resolutionFor({ id: '1', name: 'x', fields: resolution('Fixed', "Won't Fix") }, 'wont_do')).toBe(
        "Won't Fix",
      );
      expect(resolutionFor({ id: '1', name: 'x', fields: resolution('Fixed', "Won't Fix") }, 'done')).toBe('Fixed');
      expect(resolutionFor({ id: '1', name: 'x', fields: resolution('Done') }, 'wont_do')).toBeNull();
      expect(resolutionFor(transitions[2], 'wont_do')).toBeNull();
    });
  });
});
