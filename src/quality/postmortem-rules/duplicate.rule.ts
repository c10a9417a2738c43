import type { Finding, PostmortemItemView } from '../quality.types.js';
import { quote } from '../text/format.js';
import { similarity } from '../text/similarity.js';
import type { PostmortemRule } from './postmortem-rule.js';
import { isOpen } from './postmortem-rule.js';

/**
 * Titles at or above this similarity are the same work: it holds for reworded copies
 * ("Add a CI check that rejects…" vs "Add CI check rejecting…") and stays below it for
 * items that share a system but not the change (see the spec's table).
 */
export const DUPLICATE_THRESHOLD = 0.8;

const finding = (a: PostmortemItemView, b: PostmortemItemView, where: string): Finding => ({
  rule: 'duplicate',
  severity: 'warning',
  message: `${quote(a.title)} looks like a duplicate of ${quote(b.title)}${where}.`,
  hint: "Keep one item and close the other as won't do with a link, so the work has one owner and one due date.",
  // About the postmortem as a whole, not words of one draft.
  evidence: [],
});

/** An open item nearly identical to another open item, here or in another postmortem. */
export const duplicateRule: PostmortemRule = ({ postmortemId, items, otherOpenItems }) => {
  const open = items.filter(isOpen);
  const others = otherOpenItems.filter((o) => isOpen(o) && o.postmortemId !== postmortemId);
  const findings: Finding[] = [];
  open.forEach((a, i) => {
    for (const b of open.slice(i + 1))
      if (similarity(a.title, b.title) >= DUPLICATE_THRESHOLD) findings.push(finding(a, b, ' in this postmortem'));
    for (const b of others)
      if (similarity(a.title, b.title) >= DUPLICATE_THRESHOLD)
        findings.push(finding(a, b, ` (open in postmortem ${b.postmortemId})`));
  });
  return findings;
};
