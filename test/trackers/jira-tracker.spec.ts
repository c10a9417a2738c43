import { randomUUID } from 'node:crypto';
import type { TrackerConnectionConfig } from '../../src/trackers/issue-tracker.js';
import { parseJiraWebhook } from '../../src/trackers/jira/jira.mapper.js';
import { JiraTracker, type JiraTrackerOptions } from '../../src/trackers/jira/jira.tracker.js';
import { FakeJira, type FakeJiraFlavor } from '../fakes/fake-jira.server.js';
import { ticketInput } from './tracker-harness.js';

/** Jira-only behaviour the shared contract cannot express. */
describe.each<FakeJiraFlavor>(['cloud', 'datacenter'])('JiraTracker on %s', (flavor) => {
  const assignee = flavor === 'cloud' ? '61a0f0e7c2a1b2006a1d0001' : 'alice';
  let fake: FakeJira;
  let warnings: string[];

  beforeEach(async () => {
    fake = new FakeJira({ flavor, timeZone: 'America/Los_Angeles' });
    fake.addUser(assignee, 'Alice Example');
    await fake.start();
    warnings = [];
  });

  afterEach(async () => {
    try {
      fake.http.assertNoViolations();
    } finally {
      await fake.stop();
    }
  });

  function adapter(config: Partial<TrackerConnectionConfig> = {}, options: JiraTrackerOptions = {}): JiraTracker {
    return new JiraTracker(
      {
        id: randomUUID(),
        kind: 'jira',
        name: 'jira',
        baseUrl: fake.http.url,
        flavor,
        email: flavor === 'cloud' ? fake.email : null,
        token: fake.token,
        defaultProject: 'OPS',
        labels: ['sre weekly'],
        requestTimeoutMs: 2000,
        maxRetries: 2,
        maxRetryWaitMs: 1000,
        ...config,
      },
      { retryBaseDelayMs: 5, markerSearchDelayMs: 20, logger: { warn: (m: string) => warnings.push(m) }, ...options },
    );
  }

  const input = () => ticketInput({ project: 'OPS', assignee });
  const bodiesOf = (method: string, path: RegExp) =>
    // Request bodies recorded by the fake: any, so a test reads nested fields without casts.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    fake.http.requestsMatching(method, path).map((r) => r.body as Record<string, any>);

  it("creates with the flavour's assignee shape, wiki text, mapped priority and sanitised labels", async () => {
    const item = input();
    await adapter().createIssue(item);

    const [create] = bodiesOf('POST', /\/rest\/api\/2\/issue$/);
    expect(create.fields).toMatchObject({
      project: { key: 'OPS' },
      issuetype: { name: 'Task' },
      summary: item.title,
      duedate: '2030-03-01',
      priority: { name: 'High' },
      assignee: flavor === 'cloud' ? { accountId: assignee } : { name: assignee },
    });
    expect(create.fields.labels).toEqual(['postmortem', 'sre-weekly', 'team-sre', `remediation-${item.itemId}`]);
    expect(typeof create.fields.description).toBe('string');
    expect(create.fields.description).toContain('[Queue outage \\[2030-01-02\\]|https://postmortems.example/pm/42]');

    const [link] = bodiesOf('POST', /\/remotelink$/);
    expect(link).toMatchObject({
      globalId: `remediation-tracker:item:${item.itemId}:postmortem`,
      object: { url: item.postmortemUrl },
    });
    expect(fake.allIssues()[0].properties.get('remediation')).toEqual({ itemId: item.itemId });
  });

  it('retries the postmortem link after a lost response without adding a second link', async () => {
    fake.http.failNext({ method: 'POST', path: /\/remotelink$/ }, { type: 'drop-response' });
    const issue = await adapter().createIssue(input());

    expect(fake.http.requestsMatching('POST', /\/remotelink$/)).toHaveLength(2);
    expect(fake.issue(issue.key)!.remoteLinks).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('still returns the ticket when the property and link cannot be written', async () => {
    fake.http.failNext({ method: 'PUT', path: /\/properties\/remediation$/ }, { type: 'status', status: 503 }, 10);
    fake.http.failNext({ method: 'POST', path: /\/remotelink$/ }, { type: 'status', status: 500 }, 10);
    const item = input();

    const issue = await adapter().createIssue(item);

    expect(issue.itemId).toBe(item.itemId);
    expect(warnings.join('\n')).toMatch(/marker property[\s\S]*postmortem link/);
    await expect(adapter().findByMarker('OPS', item.itemId, new Date(0))).resolves.toMatchObject({ key: issue.key });
  });

  it('creates without fields the project keeps off its create screen', async () => {
    fake.fieldsOffCreateScreen = ['priority', 'duedate'];
    const issue = await adapter().createIssue(input());

    expect(fake.http.requestsMatching('POST', /\/rest\/api\/2\/issue$/)).toHaveLength(2);
    expect(fake.issue(issue.key)).toMatchObject({ priority: 'Medium', duedate: null });
    expect(warnings[0]).toMatch(/OPS rejected duedate, priority/);
  });

  it('does not resend a create Jira rejected for a field it needs', async () => {
    await expect(adapter().createIssue({ ...input(), project: 'NOPE' })).rejects.toMatchObject({
      code: 'UNKNOWN',
      status: 400,
    });
    expect(fake.http.requestsMatching('POST', /\/rest\/api\/2\/issue$/)).toHaveLength(1);
  });

  it("searches with an explicit field list and the flavour's paging", async () => {
    for (let i = 0; i < 150; i++) fake.seedIssue({ labels: ['postmortem'] });
    const { issues, requests } = await adapter().listChanged({ project: 'OPS', label: 'postmortem', since: null });
    expect(issues).toHaveLength(150);
    expect(requests).toBe(2);

    const searches = fake.http.requests.filter((r) => r.path.includes('/search'));
    expect(searches.map((r) => r.path)).toEqual(
      Array(2).fill(flavor === 'cloud' ? '/rest/api/2/search/jql' : '/rest/api/2/search'),
    );
    for (const { body } of searches)
      expect((body as { fields: string[] }).fields).toEqual(
        expect.arrayContaining(['status', 'resolution', 'updated', 'labels']),
      );
    const second = searches[1].body as Record<string, unknown>;
    if (flavor === 'cloud') expect(second).toMatchObject({ nextPageToken: expect.any(String) });
    else expect(second).toMatchObject({ startAt: 100 });
  });

  it("writes JQL dates in the user's time zone", async () => {
    // 12:34 UTC is 04:34 in Los Angeles in January.
    await adapter().listChanged({ project: 'OPS', label: 'postmortem', since: new Date('2030-01-15T12:34:56Z') });
    const search = fake.http.requests.find((r) => r.path.includes('/search'))!;
    expect((search.body as { jql: string }).jql).toBe(
      'project = "OPS" AND labels = "postmortem" AND updated >= "2030-01-15 04:34" ORDER BY created ASC',
    );
  });

  it("closes as won't do with a comment when the workflow offers no resolution", async () => {
    fake.resolutionOnCloseScreen = false;
    const issue = await adapter().createIssue(input());

    await adapter().close(issue, 'wont_do');

    expect(fake.issue(issue.key)).toMatchObject({ status: 'done', resolution: 'Done' });
    expect(fake.issue(issue.key)!.comments[0].body).toMatch(/won't do/);
  });

  it("sets the Won't Do resolution when the close screen has it", async () => {
    const issue = await adapter().createIssue(input());
    await adapter().close(issue, 'wont_do');
    const [transition] = bodiesOf('POST', /\/transitions$/);
    expect(transition).toEqual({ transition: { id: '31' }, fields: { resolution: { name: "Won't Do" } } });
  });

  it('treats closing an already closed ticket as done', async () => {
    const issue = await adapter().createIssue(input());
    fake.transitionAsHuman(issue.key, 'done');
    await adapter().close(issue, 'done');
    expect(fake.http.requestsMatching('POST', /\/transitions$/)).toHaveLength(0);
  });

  it('prefers the ticket that carries the marker property over a clone with the same label', async () => {
    const item = input();
    const original = await adapter().createIssue(item);
    fake.seedIssue({ labels: [...fake.issue(original.key)!.labels], created: new Date(Date.now() + 60_000) });
    await expect(adapter().findByMarker('OPS', item.itemId, new Date(0))).resolves.toMatchObject({ key: original.key });
  });

  it('accepts a number with the default project and rejects what is not a key', async () => {
    const issue = await adapter().createIssue(input());
    await expect(adapter().getIssue(issue.key.split('-')[1])).resolves.toMatchObject({ key: issue.key });
    await expect(adapter().getIssue('not a key')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('maps webhook deliveries like reads, with the actor in selfIdentity terms', async () => {
    const tracker = adapter();
    const issue = await tracker.createIssue(input());
    fake.transitionAsHuman(issue.key, 'done', "Won't Do");

    const change = parseJiraWebhook(
      fake.webhookPayload(issue.key, 'jira:issue_updated', assignee) as never,
      fake.http.url,
      flavor,
    );
    const read = await tracker.getIssue(issue.key);

    expect(change).toMatchObject({ event: 'jira:issue_updated', deleted: false, actor: assignee });
    // Webhooks carry no issue properties: the marker comes from the label.
    expect(change.issue).toEqual(read);
    const self = parseJiraWebhook(fake.webhookPayload(issue.key, 'jira:issue_deleted') as never, fake.http.url, flavor);
    expect(self).toMatchObject({ deleted: true, actor: await tracker.selfIdentity() });
  });
});
