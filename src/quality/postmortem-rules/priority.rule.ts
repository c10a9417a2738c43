import type { PostmortemRule } from './postmortem-rule.js';
import { isCommitted } from './postmortem-rule.js';

/** An incident worth a postmortem usually deserves at least one urgent fix, unless the risk is accepted on record. */
export const priorityRule: PostmortemRule = ({ items, riskAccepted }) => {
  if (riskAccepted || items.filter(isCommitted).some((i) => i.priority === 'critical' || i.priority === 'high'))
    return [];
  return [
    {
      rule: 'priority',
      severity: 'warning',
      message: 'No critical or high priority item: nothing here is urgent, so recurrence stays likely for a while.',
      hint: 'Raise the item that prevents recurrence to high (e.g. "Add a CI check that rejects locking migrations", high), or record a risk acceptance with the reason.',
      // About the postmortem as a whole, not words of one draft.
      evidence: [],
    },
  ];
};
