import { randomUUID } from 'node:crypto';
import { GithubTracker, type GithubTrackerOptions } from '../../src/trackers/github/github.tracker.js';
import type {
  CreateTicketInput,
  IssueTracker,
  TicketState,
  TrackerConnectionConfig,
} from '../../src/trackers/issue-tracker.js';
import { JiraTracker, type JiraTrackerOptions } from '../../src/trackers/jira/jira.tracker.js';
import { type FakeClock, type FakeHttpServer } from '../fakes/fake-http.js';
import { FakeGithub } from '../fakes/fake-github.server.js';
import { FakeJira, type FakeJiraFlavor, type FakeJiraIssue } from '../fakes/fake-jira.server.js';

/** A ticket as the fake holds it, in tracker-neutral words. */
export interface FakeTicket {
  title: string;
  /** Description (Jira) or body (GitHub). */
  text: string;
  labels: string[];
  assignee: string | null;
  state: TicketState;
  /** URLs linked from the ticket: Jira remote links; GitHub has them in the body. */
  links: string[];
  comments: string[];
}

/** One tracker's fake plus the adapter wired to it: what the contract suite needs, tracker-neutral. */
export interface TrackerHarness {
  name: string;
  project: string;
  /** An identity the adapter may assign tickets to. */
  assignee: string;
  http: FakeHttpServer;
  clock: FakeClock;
  paths: { create: RegExp; issue: RegExp; listing: RegExp };
  caps: { dueDate: boolean; etag: boolean; writeSpacing: boolean; searchLag: boolean };
  start(): Promise<void>;
  stop(): Promise<void>;
  adapter(config?: Partial<TrackerConnectionConfig>, options?: JiraTrackerOptions & GithubTrackerOptions): IssueTracker;
  ticket(key: string): FakeTicket | null;
  ticketsWithMarker(itemId: string): number;
  /** Seeds tickets directly in the fake, last updated at `updatedAt`; returns their keys. */
  seed(count: number, options: { label: string; updatedAt: Date }): string[];
  /** A person edits the ticket now. */
  touch(key: string): void;
  humanClose(key: string, as: 'done' | 'wont_do'): void;
  humanReopen(key: string): void;
  humanDelete(key: string): void;
  /** Moves the ticket elsewhere (another project or repository). */
  humanMove(key: string): void;
  /** A project or repository that does not exist. */
  missingProject: string;
  rateLimitRemaining?(): number;
  /** Jira Cloud: how long new issues stay invisible to search. */
  setSearchLag?(ms: number): void;
}

const silent = { warn: () => undefined };

/** Fast settings for tests: small timeouts, tiny backoff, short marker re-search. */
function baseConfig(kind: 'jira' | 'github', url: string): TrackerConnectionConfig {
  return {
    id: randomUUID(),
    kind,
    name: `${kind} under test`,
    baseUrl: url,
    flavor: kind === 'github' ? 'github.com' : 'cloud',
    token: '',
    labels: ['conn-label'],
    requestTimeoutMs: 2000,
    maxRetries: 4,
    maxRetryWaitMs: 2000,
    minWriteIntervalMs: 100,
  };
}

const fastOptions = { retryBaseDelayMs: 10, markerSearchDelayMs: 50, logger: silent };

export function jiraHarness(flavor: FakeJiraFlavor): TrackerHarness {
  // West of UTC on Cloud: a JQL date written in UTC would then start too late and lose tickets.
  const fake = new FakeJira({
    flavor,
    timeZone: flavor === 'cloud' ? 'America/Los_Angeles' : 'Asia/Kolkata',
    maxResultsCap: 100,
  });
  const assignee = flavor === 'cloud' ? '61a0f0e7c2a1b2006a1d0001' : 'alice';
  fake.addUser(assignee, 'Alice Example');
  return {
    name: `jira ${flavor}`,
    project: 'OPS',
    assignee,
    http: fake.http,
    clock: fake.clock,
    paths: {
      create: /\/rest\/api\/2\/issue$/,
      issue: /\/rest\/api\/2\/issue\/[A-Z]+-\d+$/,
      listing: /\/rest\/api\/2\/search(\/jql)?$/,
    },
    caps: { dueDate: true, etag: false, writeSpacing: false, searchLag: flavor === 'cloud' },
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    adapter: (config = {}, options = {}) =>
      new JiraTracker(
        {
          ...baseConfig('jira', fake.http.url),
          flavor,
          email: flavor === 'cloud' ? fake.email : null,
          token: fake.token,
          defaultProject: 'OPS',
          ...config,
        },
        { ...fastOptions, ...options },
      ),
    ticket: (key) => {
      const issue = fake.issue(key);
      return issue ? jiraTicket(issue) : null;
    },
    ticketsWithMarker: (itemId) => fake.allIssues().filter((i) => i.labels.includes(`remediation-${itemId}`)).length,
    seed: (count, { label, updatedAt }) =>
      Array.from(
        { length: count },
        (_, n) =>
          fake.seedIssue({
            summary: `Seeded ${n}`,
            labels: ['postmortem', label],
            created: updatedAt,
            updated: updatedAt,
          }).key,
      ),
    touch: (key) => fake.setDueDate(key, '2031-01-01'),
    humanClose: (key, as) => fake.transitionAsHuman(key, 'done', as === 'done' ? 'Done' : "Won't Do"),
    humanReopen: (key) => fake.transitionAsHuman(key, 'in_progress'),
    humanDelete: (key) => fake.deleteIssue(key),
    humanMove: (key) => void fake.moveIssue(key, 'ARCHIVE'),
    missingProject: 'NOPE',
    setSearchLag: (ms) => (fake.searchLagMs = ms),
  };
}

function jiraTicket(issue: FakeJiraIssue): FakeTicket {
  const wontDo = ["Won't Do", "Won't Fix", 'Duplicate', 'Cannot Reproduce', 'Declined'];
  return {
    title: issue.summary,
    text: issue.description,
    labels: issue.labels,
    assignee: issue.assignee,
    state: issue.status !== 'done' ? 'open' : wontDo.includes(issue.resolution ?? '') ? 'wont_do' : 'done',
    links: issue.remoteLinks.map((l) => l.object.url),
    comments: issue.comments.map((c) => c.body),
  };
}

export function githubHarness(): TrackerHarness {
  const repo = 'acme/api';
  const fake = new FakeGithub({ repos: [repo, 'acme/archive'] });
  fake.addUser('alice');
  const ref = (key: string): [string, number] => {
    const [r, n] = key.split('#');
    return [r, Number(n)];
  };
  return {
    name: 'github',
    project: repo,
    assignee: 'alice',
    http: fake.http,
    clock: fake.clock,
    paths: {
      create: /\/repos\/acme\/api\/issues$/,
      issue: /\/repos\/acme\/api\/issues\/\d+$/,
      listing: /\/repos\/acme\/api\/issues$/,
    },
    caps: { dueDate: false, etag: true, writeSpacing: true, searchLag: false },
    start: async () => void (await fake.start()),
    stop: () => fake.stop(),
    adapter: (config = {}, options = {}) =>
      new GithubTracker(
        { ...baseConfig('github', fake.apiUrl), token: fake.token, defaultProject: repo, ...config },
        { ...fastOptions, ...options },
      ),
    ticket: (key) => {
      const issue = fake.issue(...ref(key));
      if (!issue) return null;
      return {
        title: issue.title,
        text: issue.body,
        labels: issue.labels,
        assignee: issue.assignees[0] ?? null,
        state:
          issue.state === 'open'
            ? 'open'
            : issue.state_reason === 'not_planned' || issue.state_reason === 'duplicate'
              ? 'wont_do'
              : 'done',
        links: [...issue.body.matchAll(/\]\((https?:[^)]+)\)/g)].map((m) => m[1]),
        comments: issue.comments.map((c) => c.body),
      };
    },
    ticketsWithMarker: (itemId) =>
      fake.allIssues(repo).filter((i) => i.body.includes(`<!-- remediation:${itemId} -->`)).length,
    seed: (count, { label, updatedAt }) =>
      Array.from(
        { length: count },
        (_, n) =>
          `${repo}#${fake.seedIssue(repo, { title: `Seeded ${n}`, labels: ['postmortem', label], created_at: updatedAt, updated_at: updatedAt }).number}`,
      ),
    touch: (key) => fake.edit(...ref(key), { title: 'Edited by a person' }),
    humanClose: (key, as) => fake.closeAsHuman(...ref(key), as === 'done' ? 'completed' : 'not_planned'),
    humanReopen: (key) => fake.reopenAsHuman(...ref(key)),
    humanDelete: (key) => fake.deleteIssue(...ref(key)),
    humanMove: (key) => void fake.transferIssue(...ref(key), 'acme/archive'),
    missingProject: 'acme/nope',
    rateLimitRemaining: () => fake.rateLimitRemaining,
  };
}

export function ticketInput(
  h: Pick<TrackerHarness, 'project' | 'assignee'>,
  overrides: Partial<CreateTicketInput> = {},
): CreateTicketInput {
  return {
    itemId: randomUUID(),
    project: h.project,
    title: 'Alert on queue depth',
    description: 'The queue backed up for two hours before anyone noticed.',
    successCriteria: 'The on-call is paged within 5 minutes when depth exceeds 10k.',
    dueDate: '2030-03-01',
    priority: 'high',
    ownerName: 'Alice Example',
    assignee: h.assignee,
    postmortemTitle: 'Queue outage [2030-01-02]',
    postmortemUrl: 'https://postmortems.example/pm/42',
    labels: ['team-sre'],
    ...overrides,
  };
}
