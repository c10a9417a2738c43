import { makePerson, makePostmortem } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { dataSource, daysFromToday, insertItem, makeTeam } from './dashboard-fixtures.js';

let t: TestApp;
let team: string;
let owner: string;
let other: string;
let postmortem: string;
beforeAll(async () => {
  t = await startTestApp();
  team = await makeTeam(t, 'Payments');
  owner = (await makePerson(t, { name: 'Ana "Ops" Silva', teamId: team })).id;
  other = (await makePerson(t, { name: 'Bo Other' })).id;
  postmortem = (await makePostmortem(t)).id;
  await insertItem(t, {
    postmortemId: postmortem,
    ownerId: owner,
    createdAt: '2026-06-01T00:00:00Z',
    dueDate: daysFromToday(-12),
    title: '=cmd, the formula title',
  });
  await insertItem(t, {
    postmortemId: postmortem,
    ownerId: other,
    createdAt: '2026-06-02T00:00:00Z',
    dueDate: '2026-06-10',
    status: 'done',
    closedAt: '2026-06-09T10:00:00Z',
  });
  // 250 more, so the export spans two pages of the list service.
  await dataSource(t).query(
    `INSERT INTO action_item (postmortem_id, owner_id, title, success_criteria, due_date, priority, horizon, created_at)
     SELECT $1, $2, 'Bulk item ' || n, 'A measurable check', '2099-07-01', 'low', 'long_term',
            '2026-06-03T00:00:00Z'::timestamptz + n * interval '1 minute'
     FROM generate_series(1, 250) AS n`,
    [postmortem, other],
  );
});
afterAll(async () => {
  await t?.close();
});

const csv = (query = '') => t.as('viewer').get(`/action-items.csv${query}`).buffer(true);
const rows = (text: string) => text.trimEnd().split('\r\n');

describe('GET /action-items.csv', () => {
  it('exports every item with a header row, as an attachment, across list pages', async () => {
    const res = await csv();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="action-items-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = rows(res.text);
    expect(lines[0]).toBe(
      'id,title,status,priority,owner_id,owner_name,team_id,due_date,days_overdue,postmortem_id,ticket_key,ticket_url,ticket_state,quality_findings,created_at,closed_at',
    );
    expect(lines).toHaveLength(1 + 252);
    // Oldest first, as the list pages them; the last bulk item is the last line.
    expect(lines[1]).toContain(`"'=cmd, the formula title"`);
    expect(lines[1]).toContain('"Ana ""Ops"" Silva"');
    expect(lines[1]).toContain(`,${team},${daysFromToday(-12)},12,`);
    expect(lines.at(-1)).toContain('Bulk item 250');
  });

  it("applies the list endpoint's filters", async () => {
    const overdue = rows((await csv('?overdue=true')).text);
    expect(overdue).toHaveLength(2);
    const done = rows((await csv('?status=done')).text);
    expect(done).toHaveLength(2);
    expect(done[1]).toContain(',done,medium,');
    expect(done[1]).toContain(',2026-06-10,0,');
    expect(done[1]).toMatch(/,2026-06-09T10:00:00\.000Z$/);
    expect(rows((await csv(`?teamId=${team}`)).text)).toHaveLength(2);
    expect(rows((await csv(`?ownerId=${other}&priority=low`)).text)).toHaveLength(251);
  });

  it('rejects bad filters and paging fields with a 400 naming the field, and needs a token', async () => {
    const bad = await csv('?status=finished');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).details).toEqual([expect.objectContaining({ field: 'status' })]);
    const paged = await csv('?limit=10');
    expect(paged.status).toBe(400);
    expect(JSON.parse(paged.text).details).toEqual([{ field: 'limit', problem: 'is not a known field' }]);
    expect((await t.anon().get('/api/v1/action-items.csv')).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.anon().get('/api/docs-json')).body;
    expect(doc.paths['/api/v1/action-items.csv'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['overdue', 'ownerId', 'postmortemId', 'priority', 'sort', 'status', 'teamId'].sort(),
    );
  });
});
