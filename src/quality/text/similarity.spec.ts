import { similarity } from './similarity.js';

describe('similarity', () => {
  it.each([
    [
      'Add a CI check that rejects CREATE INDEX without CONCURRENTLY',
      'Add a CI check that rejects CREATE INDEX without CONCURRENTLY',
    ],
    [
      'Add a CI check that rejects CREATE INDEX without CONCURRENTLY',
      'add CI check rejecting create index without concurrently',
    ],
    [
      'Alert when the notification queue age exceeds 10 minutes',
      'Alert when notification queue age exceeds 10 minutes.',
    ],
    ['Rotate the Stripe webhook signing secret', 'Rotate Stripe webhook signing secrets'],
  ])('scores reworded copies high: %p ~ %p', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['Alert when queue age exceeds 10 minutes', 'Alert when queue depth exceeds 10,000 messages'],
    [
      'Add a CI check that rejects CREATE INDEX without CONCURRENTLY',
      'Add a CI check that every Helm chart sets resource limits',
    ],
    ['Rotate the Stripe webhook signing secret', 'Move the session store to Redis Sentinel'],
  ])('scores different work lower: %p vs %p', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(0.8);
  });

  it('is symmetric and bounded', () => {
    const a = 'Lower the DNS TTL to 300 s';
    const b = 'Lower DNS TTL for api to 300 s';
    expect(similarity(a, b)).toBeCloseTo(similarity(b, a), 10);
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, '')).toBe(0);
    expect(similarity('', '')).toBe(1);
  });
});
