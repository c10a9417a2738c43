import type { Horizon, PostmortemItemView } from '../quality.types.js';
import { balanceRule } from './balance.rule.js';

let n = 0;
const item = (horizon: Horizon, status: PostmortemItemView['status'] = 'open'): PostmortemItemView => ({
  id: `i${++n}`,
  postmortemId: 'pm1',
  title: `Item ${n}`,
  priority: 'high',
  horizon,
  status,
});
const run = (items: PostmortemItemView[]) =>
  balanceRule({ postmortemId: 'pm1', items, otherOpenItems: [], riskAccepted: false });

describe('balance rule', () => {
  it.each([
    ['one of each', [item('short_term'), item('long_term')]],
    ['done items count', [item('short_term', 'done'), item('long_term', 'in_progress')]],
    ['many of each', [item('short_term'), item('short_term'), item('long_term'), item('long_term', 'done')]],
  ])('is quiet with %s', (_, items) => {
    expect(run(items)).toEqual([]);
  });

  it.each([
    ['no items', [], 'short-term or long-term'],
    ['only short-term', [item('short_term'), item('short_term')], 'long-term'],
    ['only long-term', [item('long_term')], 'short-term'],
    ["the long-term item is won't do", [item('short_term'), item('long_term', 'wont_do')], 'long-term'],
    ["the short-term item is won't do", [item('short_term', 'wont_do'), item('long_term')], 'short-term'],
  ])('warns with %s', (_, items, missing) => {
    const findings = run(items);
    expect(findings).toEqual([expect.objectContaining({ rule: 'balance', severity: 'warning' })]);
    expect(findings[0].message).toContain(`No ${missing}`);
  });
});
