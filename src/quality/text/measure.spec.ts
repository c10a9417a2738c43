import { findMeasure } from './measure.js';

describe('findMeasure', () => {
  it.each([
    ['Reduce p99 latency to 50 ms', '50 ms'],
    ['99.9% of runs succeed', '99.9%'],
    ['Page after 3 consecutive failures', '3'],
    ['tables over 1M rows', '1M'],
    ['timeout of 2s', '2s'],
    ['Block deploys between 12:00 and 20:00 UTC', '12:00'],
    ['Backfill the 3,400 orders', '3,400'],
    ['Requests beyond 20/min get 429', '20'],
    ['Zero restarts after rotation', 'Zero'],
    ['Halve the cold start', 'Halve'],
    ['Run it twice a day', 'twice'],
  ])('finds the measure in %p', (text, expected) => {
    expect(findMeasure(text)).toBe(expected);
  });

  it.each([
    ['p99 latency is better'],
    ['Move logs to S3'],
    ['Deploy to eu-west-2'],
    ['Fix SUP-4410'],
    ['Call /v1/export'],
    ['pg16 upgrade'],
    ['things are better'],
    [''],
    [null],
  ])('finds none in %p', (text) => {
    expect(findMeasure(text)).toBeNull();
  });
});
