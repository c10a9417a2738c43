import type { ActionItemDraft, EvidenceField, ItemRule } from '../quality.types.js';
import { findBlame, type BlameKind } from '../text/blame-language.js';
import { locate } from '../text/evidence.js';

const FIELDS: readonly [keyof ActionItemDraft & EvidenceField, string][] = [
  ['title', 'title'],
  ['description', 'description'],
  ['successCriteria', 'success criteria'],
];

const WHY: Record<BlameKind, string> = {
  'blame-word': 'puts the cause on a person; look for the conditions that made the slip possible',
  counterfactual: 'judges the past with hindsight instead of saying what will change',
  'person-failure': 'makes a person the cause of the failure',
  'person-directed': 'aims the fix at people, and people under pressure slip again',
  access: 'punishes one person instead of guarding the path that allowed the change',
};

const HINTS: Record<BlameKind, string> = {
  'blame-word':
    'Describe the missing guardrail, e.g. "Root cause: human error by the operator" → "The failover script accepted any cluster name; make it require typing the target cluster name".',
  counterfactual:
    'Say what will catch it next time, e.g. "Marcus should have checked the migration" → "Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows".',
  'person-failure':
    'Name the gap in the system, e.g. "The on-call failed to escalate" → "Page the secondary on-call when a page is not acknowledged within 10 minutes".',
  'person-directed':
    'Change the system so the slip cannot recur, e.g. "Remind people to be careful with LB config" → "Validate load balancer config in CI and reject changes that remove every backend".',
  access:
    'Guard the path for everyone, e.g. "Remove Kenji\'s write access" → "Route production database writes through the access broker with a second approval".',
};

/** Blame, hindsight or person-directed language in the title, description or success criteria. */
export const blamelessRule: ItemRule = (draft) => {
  for (const [field, label] of FIELDS) {
    const text = draft[field];
    const hit = typeof text === 'string' ? findBlame(text) : null;
    if (hit)
      return [
        {
          rule: 'blameless',
          severity: 'error',
          message: `In the ${label}, "${hit.words}" ${WHY[hit.kind]}.`,
          hint: HINTS[hit.kind],
          evidence: locate(field, text, hit.words),
        },
      ];
  }
  return [];
};
