import type { ActionItemDraft, Finding, ItemRule, ResolvedOwner, RuleContext } from '../quality.types.js';
import { wholeField } from '../text/evidence.js';
import { quote } from '../text/format.js';
import { classifyOwnerName, type OwnerNameKind } from '../text/owner-name.js';

type Problem = Pick<Finding, 'message' | 'hint'>;

const NAME_PROBLEMS: Record<Exclude<OwnerNameKind, 'person'>, { message: (name: string) => string; hint: string }> = {
  empty: {
    message: () => 'Nobody owns this item yet.',
    hint: 'Name the one person who will drive it to done, e.g. "Priya Raman".',
  },
  placeholder: {
    message: (name) => `${quote(name)} is a placeholder, not an owner.`,
    hint: 'Decide the owner before accepting the item; whoever knows the system best is a good default, e.g. "TBD" → "Dana Okafor".',
  },
  team: {
    message: (name) => `${quote(name)} looks like a team or a role; an item needs one person who drives it.`,
    hint: 'Pick one person from that team; others can still help. E.g. "Platform team" → "Marcus Lee".',
  },
  'group-alias': {
    message: (name) => `${quote(name)} looks like a group alias; an item needs one person who drives it.`,
    hint: 'Pick one person on that list, e.g. "infra@example.com" → "Aisha Karim".',
  },
  several: {
    message: (name) => `${quote(name)} names more than one person; shared items tend to be nobody's.`,
    hint: 'Keep one owner and mention the helpers in the description, e.g. "Alice and Bob" → "Alice Martin" (pairing with Bob).',
  },
};

/**
 * Exactly one known, active person. A resolved ownerId wins over the free-text name,
 * because the service has looked it up.
 */
export const ownedRule: ItemRule = (draft, ctx) => {
  const error = draft.ownerId ? resolvedOwnerProblem(draft.ownerId, ctx.owner) : nameProblem(draft.ownerName);
  // A resolved owner is a record, not words in the draft; only a typed name can be highlighted.
  const evidence = draft.ownerId ? [] : wholeField(draft, 'ownerName');
  if (error) return [{ rule: 'owned', severity: 'error', ...error, evidence }];
  const warning = trackerIdentityProblem(draft, ctx);
  return warning ? [{ rule: 'owned', severity: 'warning', ...warning, evidence }] : [];
};

function resolvedOwnerProblem(ownerId: string, owner: ResolvedOwner | null): Problem | null {
  // Without a resolution the caller did not look the person up; nothing to judge.
  if (!owner) return null;
  if (!owner.found)
    return {
      message: `The owner ${quote(ownerId)} matches nobody in the directory.`,
      hint: 'Choose the owner from the people list, e.g. "Priya Raman".',
    };
  if (!owner.active) {
    return {
      message: `${owner.name || 'The owner'} is no longer active; the item would have nobody to drive it.`,
      hint: 'Hand it to an active person who knows the system, e.g. the current service owner.',
    };
  }
  return null;
}

function nameProblem(ownerName: string | null | undefined): Problem | null {
  const nameKind = classifyOwnerName(ownerName);
  if (nameKind === 'person') return null;
  const problem = NAME_PROBLEMS[nameKind];
  return { message: problem.message(ownerName ?? ''), hint: problem.hint };
}

function trackerIdentityProblem(draft: ActionItemDraft, ctx: RuleContext): Problem | null {
  const { owner } = ctx;
  const bound = Boolean(draft.tracker?.connectionId || draft.tracker?.kind);
  if (!bound || owner?.hasTrackerIdentity !== false) return null;
  // The caller names the tracker (its kind's rules), so no rule branches on the kind.
  const tracker = ctx.tracker?.name ?? 'the tracker';
  return {
    message: `${owner.name || 'The owner'} has no ${tracker} identity, so the ticket cannot be assigned to them.`,
    hint: `Add their ${ctx.tracker?.identityNoun ?? 'tracker account'} to their person record, or pick an owner who has one.`,
  };
}
