import { DEMO_GITHUB_REPO, DEMO_JIRA_PROJECTS, type Demo, officeHours, startDemo } from '../../demo/demo.js';
import { assertFakesClean } from '../support/tracker-fixtures.js';

/**
 * `npm run demo` cannot rot unnoticed: its start function boots the service with the sandboxes,
 * seeds, creates and syncs tickets and sends the email, here on a free port with less history.
 */
let demo: Demo;
const lines: string[] = [];

beforeAll(async () => {
  demo = await startDemo({ port: 0, historyPostmortems: 10, historyItems: 120, log: (l) => lines.push(l) });
}, 180_000);
afterAll(async () => {
  await demo?.stop();
});

const get = async <T>(path: string, token = demo.viewerToken): Promise<T> => {
  const res = await fetch(`${demo.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
type Counts = Record<'open' | 'done' | 'wontDo' | 'overdue', number>;
type List<T> = { items: T[] };

interface Item {
  title: string;
  status: string;
  ticket: { key: string; state: string; externalStatus: string | null } | null;
}

describe('npm run demo', () => {
  it('reports each step and is ready', () => {
    expect(lines.filter((l) => l.startsWith('  ✓'))).toHaveLength(5);
    expect(demo.report).toMatchObject({
      samplePostmortems: 3,
      sampleItems: 8,
      generatedItems: 120,
      tickets: { jira: 6, github: 2, failed: 0 },
      closedFromService: 2,
    });
  });

  it('the summary API shows the seeded items, for a viewer', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const range = `from=${day(Date.now() - 364 * 86_400_000)}&to=${day(Date.now())}`;
    const summary = await get<{ counts: Counts; weekly: unknown[] }>(`/dashboard/summary?${range}`);
    const c = summary.counts;
    // The year of history plus the samples' items, open or closed in the range.
    expect(c.open + c.done + c.wontDo).toBeGreaterThan(60);
    expect(c.overdue).toBeGreaterThan(0);
    expect(summary.weekly.length).toBeGreaterThan(50);
    const titles = (await get<List<{ title: string }>>('/postmortems?limit=200')).items.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/Checkout requests timed out/i)]));
  });

  it('tickets exist in the sandboxes, and the statuses changed there came back', async () => {
    const jira = DEMO_JIRA_PROJECTS.flatMap((p) => demo.jira.allIssues(p));
    const github = demo.github.allIssues(DEMO_GITHUB_REPO);
    expect(jira).toHaveLength(6);
    expect(github).toHaveLength(2);
    const { items } = await get<List<Item>>('/action-items?limit=200');
    const byKey = new Map(items.filter((i) => i.ticket?.key).map((i) => [i.ticket!.key, i]));
    expect(byKey.size).toBe(8);
    // Done and Won't Do in Jira, two closed on GitHub, then one of them reopened.
    const changes = demo.report.trackerChanges;
    expect(changes.map((c) => c.what.replace(/^\S+ /, ''))).toEqual([
      'moved to Done in Jira',
      "resolved as Won't Do in Jira",
      'closed on GitHub',
      'closed on GitHub',
      'reopened on GitHub',
    ]);
    expect(demo.report.syncChanged).toBe(5);
    // The last word on each ticket is what its item shows.
    const last = new Map(changes.map((c) => [c.key, c.itemStatus]));
    for (const [key, status] of last) expect({ key, status: byKey.get(key)?.status }).toEqual({ key, status });
    expect([...last.values()].sort()).toEqual(['done', 'done', 'open', 'wont_do']);
    // The two items the documents list as closed were closed here: their tickets were closed by the service.
    const closedHere = jira.filter((i) => i.status === 'done' && i.comments.length > 0);
    expect(closedHere).toHaveLength(2);
    assertFakesClean(demo.jira, demo.github);
  });

  it('sent the nudges and the digest to the SMTP catcher when email exists', async () => {
    const { email } = demo.report;
    if (!email.sent) {
      expect(email.note).toMatch(/^skipped/);
      return;
    }
    expect(demo.smtp.messages.length).toBe(email.messages);
    const kinds = new Set(
      (await get<List<{ kind: string }>>('/admin/deliveries?limit=200', demo.adminToken)).items.map((d) => d.kind),
    );
    expect(kinds).toEqual(new Set(['assignment', 'nudge', 'digest']));
  });

  it('office hours are a weekday between 10:00 and 17:00 UTC, never later than now', () => {
    const saturday = new Date('2026-12-05T12:00:00Z');
    expect(officeHours(saturday).toISOString()).toBe('2026-12-04T10:00:00.000Z');
    const mondayEarly = new Date('2026-11-30T07:00:00Z');
    expect(officeHours(mondayEarly).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    const tuesdayNoon = new Date('2026-12-01T12:34:00Z');
    expect(officeHours(tuesdayNoon)).toBe(tuesdayNoon);
  });

  it('stops cleanly: the port is closed afterwards', async () => {
    const url = demo.url;
    await demo.stop();
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
  });
});
