import type { PostmortemRule } from './postmortem-rule.js';
import { isCommitted } from './postmortem-rule.js';

/** Short-term fixes stop the bleeding; long-term ones stop the recurrence. A postmortem needs both. */
export const balanceRule: PostmortemRule = ({ items }) => {
  const committed = items.filter(isCommitted);
  const hasShort = committed.some((i) => i.horizon === 'short_term');
  const hasLong = committed.some((i) => i.horizon === 'long_term');
  if (hasShort && hasLong) return [];
  const missing = !hasShort && !hasLong ? 'short-term or long-term' : hasShort ? 'long-term' : 'short-term';
  return [
    {
      rule: 'balance',
      severity: 'warning',
      message: `No ${missing} action item yet; a postmortem needs both a quick mitigation and a lasting fix.`,
      hint: hasShort
        ? 'Add the structural fix, e.g. "Move schema migrations to an online migration tool that never takes an ACCESS EXCLUSIVE lock" (long_term).'
        : 'Add the quick mitigation, e.g. "Lower the pool saturation alert delay from 15 to 3 minutes" (short_term).',
      evidence: [],
    },
  ];
};
