import { VERSION_MEMO_MS } from '../../src/dashboard/summary-cache.js';
import { goodItem, makePerson, makePostmortem, makeRecommendation } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { daysFromToday, insertItem, makeTeam } from './dashboard-fixtures.js';

/** The summary keeps its answers while the data is unchanged, and only then. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const counts = async (query = '') =>
  ((await t.as('viewer').get(`/dashboard/summary${query}`)).body as { counts: Record<string, number> }).counts;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GET /dashboard/summary answers from its cache only while the data is unchanged', () => {
  it('shows a change made through the API at once, and rows written behind its back within a second', async () => {
    const teamA = await makeTeam(t, 'Cache team A');
    const teamB = await makeTeam(t, 'Cache team B');
    const owner = await makePerson(t, { teamId: teamA });
    const pm = await makePostmortem(t);
    const rec = await makeRecommendation(t, pm.id);
    const accepted = await t.as('approver').post(`/recommendations/${rec.id}/accept`).send(goodItem(owner.id));
    expect(accepted.status).toBe(201);
    expect(await counts()).toMatchObject({ open: 1, done: 0 });
    expect(await counts(`?teamId=${teamA}`)).toMatchObject({ open: 1 });

    // An item closed through the API moves the last update: the next answer is fresh.
    const closed = await t.as('editor').patch(`/action-items/${accepted.body.id}`).send({ status: 'done' });
    expect(closed.status).toBe(200);
    expect(await counts()).toMatchObject({ open: 0, done: 1 });

    // A row inserted with past instants moves no updated_at: the count shows it within a second.
    await insertItem(t, {
      postmortemId: pm.id,
      ownerId: owner.id,
      createdAt: `${daysFromToday(-40)}T10:00:00Z`,
      dueDate: daysFromToday(-10),
    });
    await pause(VERSION_MEMO_MS + 50);
    expect(await counts()).toMatchObject({ open: 1, overdue: 1, done: 1 });

    // The owner moves to another team: the team filter follows within a second.
    const moved = await t.as('editor').patch(`/people/${owner.id}`).send({ teamId: teamB });
    expect(moved.status).toBe(200);
    await pause(VERSION_MEMO_MS + 50);
    expect(await counts(`?teamId=${teamA}`)).toMatchObject({ open: 0 });
    expect(await counts(`?teamId=${teamB}`)).toMatchObject({ open: 1 });
  });
});
