/** The quality gate: pure rules over an action item draft and over a postmortem's items. */
import { balanceRule } from './postmortem-rules/balance.rule.js';
import { duplicateRule } from './postmortem-rules/duplicate.rule.js';
import { focusRule } from './postmortem-rules/focus.rule.js';
import type { PostmortemRule } from './postmortem-rules/postmortem-rule.js';
import { priorityRule } from './postmortem-rules/priority.rule.js';
import type { ActionItemDraft, Finding, ItemRule, PostmortemRuleInput, RuleContext } from './quality.types.js';
import { blamelessRule } from './rules/blameless.rule.js';
import { measurableRule } from './rules/measurable.rule.js';
import { ownedRule } from './rules/owned.rule.js';
import { specificRule } from './rules/specific.rule.js';
import { timeBoundRule } from './rules/time-bound.rule.js';

export { similarity } from './text/similarity.js';

export const ITEM_RULES: readonly ItemRule[] = [specificRule, measurableRule, ownedRule, timeBoundRule, blamelessRule];
export const POSTMORTEM_RULES: readonly PostmortemRule[] = [balanceRule, focusRule, priorityRule, duplicateRule];

/** passed is false iff any rule reports an error; warnings never block. */
export function checkItem(draft: ActionItemDraft, ctx: RuleContext): { passed: boolean; findings: Finding[] } {
  const findings = ITEM_RULES.flatMap((rule) => rule(draft, ctx));
  return { passed: !findings.some((f) => f.severity === 'error'), findings };
}

export function checkPostmortem(input: PostmortemRuleInput): Finding[] {
  return POSTMORTEM_RULES.flatMap((rule) => rule(input));
}
