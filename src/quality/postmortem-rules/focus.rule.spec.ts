import type { PostmortemItemView } from '../quality.types.js';
import { focusRule, MAX_OPEN_ITEMS } from './focus.rule.js';

const items = (count: number, status: PostmortemItemView['status']): PostmortemItemView[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${status}${i}`,
    postmortemId: 'pm1',
    title: `Item ${i}`,
    priority: 'medium',
    horizon: 'short_term',
    status,
  }));
const run = (list: PostmortemItemView[]) =>
  focusRule({ postmortemId: 'pm1', items: list, otherOpenItems: [], riskAccepted: false });

describe('focus rule', () => {
  it.each([
    ['no items', []],
    ['10 open items', items(10, 'open')],
    ['5 open and 5 in progress', [...items(5, 'open'), ...items(5, 'in_progress')]],
    ['10 open plus closed ones', [...items(10, 'open'), ...items(6, 'done'), ...items(4, 'wont_do')]],
  ])('is quiet with %s', (_, list) => {
    expect(run(list)).toEqual([]);
  });

  it.each([
    ['11 open items', items(11, 'open'), 11],
    ['6 open and 6 in progress', [...items(6, 'open'), ...items(6, 'in_progress')], 12],
    ['20 open items', items(20, 'open'), 20],
  ])('warns with %s', (_, list, open) => {
    const findings = run(list);
    expect(findings).toEqual([expect.objectContaining({ rule: 'focus', severity: 'warning' })]);
    expect(findings[0].message).toContain(`${open} items are open`);
    expect(findings[0].message).toContain(String(MAX_OPEN_ITEMS));
  });
});
