import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Entry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
}

async function acceptedItem(): Promise<string> {
  const owner = await makePerson(t);
  const rec = await makeRecommendation(t, (await makePostmortem(t)).id);
  const res = await t
    .as('approver')
    .post(`/recommendations/${rec.id}/accept`)
    .send({ ...goodItem(owner.id), tracker: null });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('GET /action-items/{id}/history', () => {
  it("lists the item's changes, oldest first, with who made them", async () => {
    const id = await acceptedItem();
    expect((await t.as('editor').patch(`/action-items/${id}`).send({ priority: 'critical' })).status).toBe(200);
    const res = await t.as('viewer').get(`/action-items/${id}/history`);
    expect(res.status).toBe(200);
    const items = res.body.items as Entry[];
    expect(items.map((e) => e.action)).toEqual(['action_item.create', 'action_item.update']);
    expect(items[1]).toMatchObject({
      actorName: 'test editor',
      entityType: 'action_item',
      entityId: id,
      changes: { priority: { from: 'high', to: 'critical' } },
    });
    expect(res.body.nextCursor).toBeNull();
  });

  it('is a 404 for an item that does not exist', async () => {
    const res = await t.as('viewer').get('/action-items/00000000-0000-4000-8000-000000000000/history');
    expect(res.status).toBe(404);
  });
});

describe('GET /audit-log', () => {
  it('is for admins only', async () => {
    expect((await t.as('approver').get('/audit-log')).status).toBe(403);
    expect((await t.as('admin').get('/audit-log')).status).toBe(200);
  });

  it('filters by record, actor, action and time, paged by cursor', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const id = await acceptedItem();
    for (const priority of ['critical', 'low', 'medium'])
      expect((await t.as('editor').patch(`/action-items/${id}`).send({ priority })).status).toBe(200);

    const get = async (query: string) => {
      const res = await t.as('admin').get(`/audit-log?${query}`);
      expect(res.status).toBe(200);
      return res.body as { items: Entry[]; nextCursor: string | null };
    };
    const record = await get(`entityType=action_item&entityId=${id}`);
    expect(record.items.map((e) => e.action)).toEqual([
      'action_item.create',
      'action_item.update',
      'action_item.update',
      'action_item.update',
    ]);
    const byEditor = await get(`entityId=${id}&actorName=${encodeURIComponent('test editor')}`);
    expect(byEditor.items).toHaveLength(3);
    const prefix = await get(`entityId=${id}&action=action_item.`);
    expect(prefix.items).toHaveLength(4);
    expect((await get(`entityId=${id}&action=action_item.create`)).items).toHaveLength(1);
    expect((await get(`entityId=${id}&from=${encodeURIComponent(start)}`)).items).toHaveLength(4);
    expect((await get(`entityId=${id}&to=${encodeURIComponent(start)}`)).items).toHaveLength(0);

    // Pages of one, in the same order, nothing repeated or lost (entries share a microsecond-precise time).
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`entityId=${id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(record.items.map((e) => e.id));
  });

  it('names a bad filter', async () => {
    const res = await t.as('admin').get('/audit-log?from=yesterday&entityId=42');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['entityId', 'from']);
  });
});
