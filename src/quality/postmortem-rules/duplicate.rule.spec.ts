import type { PostmortemItemView } from '../quality.types.js';
import { duplicateRule } from './duplicate.rule.js';

let n = 0;
const item = (title: string, over: Partial<PostmortemItemView> = {}): PostmortemItemView => ({
  id: `i${++n}`,
  postmortemId: 'pm1',
  title,
  priority: 'high',
  horizon: 'short_term',
  status: 'open',
  ...over,
});
const run = (items: PostmortemItemView[], otherOpenItems: PostmortemItemView[] = []) =>
  duplicateRule({ postmortemId: 'pm1', items, otherOpenItems, riskAccepted: false });

const CI_CHECK = 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows';
const CI_CHECK_REWORDED = 'Add CI check rejecting CREATE INDEX without CONCURRENTLY on tables over 1M rows';

describe('duplicate rule', () => {
  it('warns about two open items in the same postmortem and names both', () => {
    const findings = run([item(CI_CHECK), item(CI_CHECK_REWORDED)]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'duplicate', severity: 'warning' })]);
    expect(findings[0].message).toContain(CI_CHECK);
    expect(findings[0].message).toContain(CI_CHECK_REWORDED);
  });

  it('warns about an open item of another postmortem and says which', () => {
    const [finding] = run(
      [item('Alert when queue age exceeds 10 minutes')],
      [item('Alert when the queue age exceeds 10 minutes', { postmortemId: 'pm7' })],
    );
    expect(finding.message).toContain('pm7');
  });

  it('counts in-progress items as open', () => {
    expect(run([item(CI_CHECK, { status: 'in_progress' }), item(CI_CHECK_REWORDED)])).toHaveLength(1);
  });

  it.each([
    ['a done item', [item(CI_CHECK), item(CI_CHECK_REWORDED, { status: 'done' })], []],
    ["a won't-do item", [item(CI_CHECK, { status: 'wont_do' }), item(CI_CHECK_REWORDED)], []],
    [
      'different work on the same system',
      [item('Alert when queue age exceeds 10 minutes'), item('Alert when queue depth exceeds 10,000 messages')],
      [],
    ],
    ['unrelated items', [item('Rotate the Stripe webhook signing secret'), item(CI_CHECK)], []],
    ['a closed item elsewhere', [item(CI_CHECK)], [item(CI_CHECK, { postmortemId: 'pm2', status: 'done' })]],
    ['the same item listed among the others', [item(CI_CHECK)], [item(CI_CHECK, { postmortemId: 'pm1' })]],
  ])('is quiet for %s', (_, items, others) => {
    expect(run(items, others)).toEqual([]);
  });

  it('reports each pair once', () => {
    expect(
      run([item(CI_CHECK), item(CI_CHECK_REWORDED), item('Rotate the Stripe webhook signing secret')]),
    ).toHaveLength(1);
  });
});
