import { checkItem, checkPostmortem, ITEM_RULES, similarity } from './index.js';
import { DEFAULT_WINDOWS, type ActionItemDraft, type RuleContext } from './quality.types.js';

const ctx: RuleContext = { today: '2026-11-21', windows: DEFAULT_WINDOWS, owner: null };
const good: ActionItemDraft = {
  title: 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows',
  successCriteria: 'A test PR with a plain CREATE INDEX on orders fails CI',
  ownerName: 'Marcus Lee',
  dueDate: '2026-12-10',
  priority: 'high',
};

describe('quality gate', () => {
  it('runs the five item rules', () => {
    expect(ITEM_RULES).toHaveLength(5);
  });

  it('passes a SMART, blameless item', () => {
    expect(checkItem(good, ctx)).toEqual({ passed: true, findings: [] });
  });

  it('still passes with warnings only', () => {
    const result = checkItem({ ...good, dueDate: '2027-01-30' }, ctx);
    expect(result.passed).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'time-bound', severity: 'warning' })]);
  });

  it('fails the sample postmortem items that are not action items', () => {
    const result = checkItem({ title: 'Improve database performance' }, ctx);
    expect(result.passed).toBe(false);
    expect(result.findings.map((f) => f.rule).sort()).toEqual(['measurable', 'owned', 'specific', 'time-bound']);
    const blame = checkItem({ ...good, title: 'Marcus should have checked the migration before deploying' }, ctx);
    expect(blame.findings.map((f) => f.rule)).toEqual(['blameless']);
  });

  it('runs the postmortem rules together', () => {
    const rules = checkPostmortem({ postmortemId: 'pm1', items: [], otherOpenItems: [], riskAccepted: false }).map(
      (f) => f.rule,
    );
    expect(rules.sort()).toEqual(['balance', 'priority']);
  });

  it('exports similarity', () => {
    expect(similarity('Rotate the signing key', 'rotate signing keys')).toBeGreaterThan(0.8);
  });
});
