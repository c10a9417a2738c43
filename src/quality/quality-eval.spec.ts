import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, formatEvaluation, type LabelledCase } from './quality-eval.js';

interface LabelledSet {
  today: string;
  cases: LabelledCase[];
}

const load = (name: string) =>
  JSON.parse(readFileSync(join(process.cwd(), 'test/quality-labelled', name), 'utf8')) as LabelledSet;
const set = load('items.json');

describe('quality gate on the labelled set', () => {
  const result = evaluate(set.cases, { today: set.today });

  it('prints the figures', () => {
    console.log(formatEvaluation(result));
    expect(result.cases).toBeGreaterThanOrEqual(150);
  });

  it('is balanced between good and bad items', () => {
    expect(result.good / result.cases).toBeGreaterThan(0.4);
    expect(result.bad / result.cases).toBeGreaterThan(0.4);
  });

  it('flags at least 95% of bad items with the right rule', () => {
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 5% of good items at all', () => {
    expect(result.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  // A second set in other styles (lowercase, British spelling, ticket-speak). Its figures
  // are printed, not asserted: it shows how the rules do on wording they were not built on.
  it('prints the figures of the second set', () => {
    const second = load('holdout.json');
    console.log(`second set:\n${formatEvaluation(evaluate(second.cases, { today: second.today }))}`);
  });
});
