import type { PostmortemItemView, Priority } from '../quality.types.js';
import { priorityRule } from './priority.rule.js';

const item = (priority: Priority, status: PostmortemItemView['status'] = 'open'): PostmortemItemView => ({
  id: `${priority}-${status}`,
  postmortemId: 'pm1',
  title: 'Item',
  priority,
  horizon: 'short_term',
  status,
});
const run = (items: PostmortemItemView[], riskAccepted = false) =>
  priorityRule({ postmortemId: 'pm1', items, otherOpenItems: [], riskAccepted });

describe('priority rule', () => {
  it.each([
    ['a critical item', [item('critical'), item('low')], false],
    ['a high item', [item('medium'), item('high')], false],
    ['a done high item', [item('high', 'done'), item('low')], false],
    ['no urgent item but an accepted risk', [item('medium'), item('low')], true],
    ['no items but an accepted risk', [], true],
  ])('is quiet with %s', (_, items, riskAccepted) => {
    expect(run(items, riskAccepted)).toEqual([]);
  });

  it.each([
    ['only medium and low items', [item('medium'), item('low')]],
    ['no items at all', []],
    ["a high item marked won't do", [item('high', 'wont_do'), item('medium')]],
  ])('warns with %s', (_, items) => {
    expect(run(items)).toEqual([expect.objectContaining({ rule: 'priority', severity: 'warning' })]);
  });
});
