import type { PostmortemRule } from './postmortem-rule.js';
import { isOpen } from './postmortem-rule.js';

/** More open items than a team can carry means most of them will quietly rot. */
export const MAX_OPEN_ITEMS = 10;

export const focusRule: PostmortemRule = ({ items }) => {
  const open = items.filter(isOpen).length;
  if (open <= MAX_OPEN_ITEMS) return [];
  return [
    {
      rule: 'focus',
      severity: 'warning',
      message: `${open} items are open; more than ${MAX_OPEN_ITEMS} rarely all get done.`,
      hint: "Keep the items that prevent recurrence or speed up detection; mark the rest won't do with a reason, or merge overlapping ones.",
      // About the postmortem as a whole, not words of one draft.
      evidence: [],
    },
  ];
};
