import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';

const suffix = () => randomBytes(4).toString('hex');

/** Small factories over the public API, so tests build data the way clients do. */
export async function makePerson(t: TestApp, over: Record<string, unknown> = {}) {
  const res = await t
    .as('editor')
    .post('/people')
    .send({ name: 'Priya Raman', email: `priya.${suffix()}@example.com`, ...over });
  if (res.status !== 201) throw new Error(`makePerson: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; email: string; teamId: string | null };
}

export async function makePostmortem(t: TestApp, over: Record<string, unknown> = {}) {
  const res = await t
    .as('editor')
    .post('/postmortems')
    .send({
      title: 'Checkout requests timed out for 47 minutes',
      incidentStart: '2026-03-04T14:02:00Z',
      incidentEnd: '2026-03-04T14:49:00Z',
      severity: 'SEV-2',
      causes: ['Locking index creation', 'Slow pool alert'],
      ...over,
    });
  if (res.status !== 201) throw new Error(`makePostmortem: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; title: string };
}

export async function makeRecommendation(
  t: TestApp,
  postmortemId: string,
  text = 'Add a CI check for locking migrations',
) {
  const res = await t.as('editor').post(`/postmortems/${postmortemId}/recommendations`).send({ text });
  if (res.status !== 201) throw new Error(`makeRecommendation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Days from today as YYYY-MM-DD. */
export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** An action item that passes every quality rule. */
export const goodItem = (ownerId: string, over: Record<string, unknown> = {}) => ({
  title: 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows',
  successCriteria: 'The CI job fails on a migration that creates a locking index on the orders table',
  ownerId,
  dueDate: inDays(20),
  priority: 'high',
  horizon: 'short_term',
  type: 'prevent',
  ...over,
});
