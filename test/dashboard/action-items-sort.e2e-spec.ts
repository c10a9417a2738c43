import { makePerson, makePostmortem } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { insertItem } from './dashboard-fixtures.js';

interface Item {
  id: string;
  title: string;
  dueDate: string;
  priority: string;
  status: string;
  createdAt: string;
}

const PRIORITIES = ['critical', 'high', 'medium', 'low'];
const STATUSES = ['open', 'in_progress', 'done', 'wont_do'];

let t: TestApp;
let postmortem: string;
const items: Item[] = [];
beforeAll(async () => {
  t = await startTestApp();
  const owner = (await makePerson(t)).id;
  postmortem = (await makePostmortem(t)).id;
  // 13 items with many ties: 3 due dates, 4 priorities, 4 statuses, 3 creation instants.
  for (let n = 0; n < 13; n++) {
    const status = STATUSES[n % 4] as 'open' | 'in_progress' | 'done' | 'wont_do';
    await insertItem(t, {
      postmortemId: postmortem,
      ownerId: owner,
      createdAt: `2026-06-0${1 + (n % 3)}T00:00:00Z`,
      dueDate: `2026-07-0${1 + (n % 3)}`,
      priority: PRIORITIES[(n * 7) % 4] as 'critical' | 'high' | 'medium' | 'low',
      status,
      closedAt: status === 'done' || status === 'wont_do' ? '2026-06-20T00:00:00Z' : null,
      title: `Add alert ${String.fromCharCode(97 + ((n * 5) % 13))} on checkout pool saturation`,
    });
  }
  items.push(
    ...((await t.as('viewer').get(`/action-items?postmortemId=${postmortem}&limit=200`)).body.items as Item[]),
  );
});
afterAll(async () => {
  await t?.close();
});

/** Every page of the list in the given sort, 3 items a page. */
async function pageThrough(sort: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await t
      .as('viewer')
      .get(`/action-items?postmortemId=${postmortem}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((i) => i.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

/** The expected order: the key in the sort's direction, ties by id in the same direction. */
function expected(sort: string, key: (i: Item) => string | number): string[] {
  const dir = sort.startsWith('-') ? -1 : 1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return [...items].sort((a, b) => (cmp(key(a), key(b)) || cmp(a.id, b.id)) * dir).map((i) => i.id);
}

describe('GET /action-items?sort=', () => {
  it.each<[string, (i: Item) => string | number]>([
    ['dueDate', (i) => i.dueDate],
    ['-dueDate', (i) => i.dueDate],
    ['priority', (i) => PRIORITIES.indexOf(i.priority)],
    ['-priority', (i) => PRIORITIES.indexOf(i.priority)],
    ['status', (i) => STATUSES.indexOf(i.status)],
    ['-status', (i) => STATUSES.indexOf(i.status)],
    ['createdAt', (i) => i.createdAt],
    ['-createdAt', (i) => i.createdAt],
    ['title', (i) => i.title],
  ])('pages through %s returning each item exactly once, in order, ties by id', async (sort, key) => {
    expect(items).toHaveLength(13);
    const seen = await pageThrough(sort);
    expect(new Set(seen).size).toBe(13);
    expect(seen).toEqual(expected(sort, key));
  });

  it('keeps the filters with a sort (overdue open items by due date)', async () => {
    const res = await t.as('viewer').get(`/action-items?postmortemId=${postmortem}&overdue=true&sort=-dueDate`);
    const open = expected('-dueDate', (i) => i.dueDate).filter((id) =>
      ['open', 'in_progress'].includes(items.find((i) => i.id === id)!.status),
    );
    expect(res.body.items.map((i: Item) => i.id)).toEqual(open);
  });

  it('refuses an unknown sort, naming it, and a cursor of another sort', async () => {
    const bad = await t.as('viewer').get('/action-items?sort=owner');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'sort' })]);
    const first = await t.as('viewer').get(`/action-items?postmortemId=${postmortem}&sort=dueDate&limit=2`);
    const cursor = first.body.nextCursor as string;
    expect((await t.as('viewer').get(`/action-items?sort=priority&cursor=${cursor}`)).status).toBe(400);
    expect((await t.as('viewer').get(`/action-items?cursor=${cursor}`)).status).toBe(400);
    expect((await t.as('viewer').get(`/action-items?sort=dueDate&cursor=${cursor}`)).status).toBe(200);
  });

  it('exports the CSV in the same sort', async () => {
    const res = await t.as('viewer').get(`/action-items.csv?postmortemId=${postmortem}&sort=-priority`);
    expect(res.status).toBe(200);
    const ids = res.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(ids).toEqual(expected('-priority', (i) => PRIORITIES.indexOf(i.priority)));
    expect((await t.as('viewer').get('/action-items.csv?sort=nonsense')).status).toBe(400);
  });
});
