import type { EntityManager } from 'typeorm';

/** Shared types of the quality gate. Rules are pure functions over these. */
export type FindingSeverity = 'error' | 'warning';
export type ItemRuleId = 'specific' | 'measurable' | 'owned' | 'time-bound' | 'blameless';
export type PostmortemRuleId = 'balance' | 'focus' | 'priority' | 'duplicate';
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const HORIZONS = ['short_term', 'long_term'] as const;
export const ITEM_TYPES = ['investigate', 'mitigate', 'repair', 'detect', 'prevent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type Horizon = (typeof HORIZONS)[number];
export type ActionItemType = (typeof ITEM_TYPES)[number];

/** The fields of a draft that evidence can point into. */
export type EvidenceField = 'title' | 'description' | 'successCriteria' | 'ownerName' | 'dueDate';

/** The words that triggered a finding, so a page can highlight them: text === field value.slice(start, end). */
export interface Evidence {
  field: EvidenceField;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  rule: ItemRuleId | PostmortemRuleId;
  severity: FindingSeverity;
  /** Short, kind, says what is wrong. */
  message: string;
  /** How to fix it, with a concrete rewritten example. */
  hint: string;
  /** Where in the draft the finding comes from; empty when it is about a missing field or the postmortem. */
  evidence: Evidence[];
}

/** An action item as typed in the meeting (all but the title optional). */
export interface ActionItemDraft {
  title: string;
  description?: string | null;
  successCriteria?: string | null;
  ownerId?: string | null;
  /** Free text as typed in a meeting: "Platform team", "Marcus Lee", "TBD". */
  ownerName?: string | null;
  dueDate?: string | null;
  priority?: Priority | null;
  horizon?: Horizon | null;
  type?: ActionItemType | null;
  tracker?: { connectionId?: string | null; kind?: 'jira' | 'github' | null } | null;
}

/** What the service knows about the owner, resolved before the rules run. */
export interface ResolvedOwner {
  /** The ownerId matched a person record. */
  found: boolean;
  active: boolean;
  name: string;
  /** Identity on the item's tracker; null when the item is not bound to a tracker. */
  hasTrackerIdentity: boolean | null;
}

/** The person fields that carry tracker identities. */
export interface OwnerIdentities {
  githubLogin: string | null;
  jiraAccountId: string | null;
  jiraUsername: string | null;
}

/**
 * What quality needs of the tracker a draft is bound to. The trackers feature resolves it (each
 * kind's static rules fit it), so quality never branches on the kind nor reads connections.
 */
export interface DraftTrackerRules {
  /** Jira, GitHub. */
  readonly name: string;
  /** What a person record needs to be assignable there: "Jira account", "GitHub login". */
  readonly identityNoun: string;
  identityOf(p: OwnerIdentities): string | null;
}

/** Resolves a draft's connection or kind to its tracker's rules; null when it names none known. */
export type DraftTrackerLookup = (
  tracker: NonNullable<ActionItemDraft['tracker']>,
  m: EntityManager,
) => Promise<DraftTrackerRules | null>;

export interface RuleContext {
  /** Today as YYYY-MM-DD (in UTC unless the caller says otherwise). */
  today: string;
  /** Days allowed between today and the due date, per priority. */
  windows: Record<Priority, number>;
  /** Set when the draft has an ownerId (found=false when it matched nobody). */
  owner: ResolvedOwner | null;
  /** The draft's tracker, resolved by the caller; null or absent when unbound or unknown. */
  tracker?: Pick<DraftTrackerRules, 'name' | 'identityNoun'> | null;
}

export type ItemRule = (draft: ActionItemDraft, ctx: RuleContext) => Finding[];

/** An item as the postmortem-level rules see it. */
export interface PostmortemItemView {
  id: string;
  postmortemId: string;
  title: string;
  description?: string | null;
  priority: Priority;
  horizon: Horizon;
  status: 'open' | 'in_progress' | 'done' | 'wont_do';
}

export interface PostmortemRuleInput {
  postmortemId: string;
  items: PostmortemItemView[];
  /** Open items of other postmortems, for the duplicate rule. */
  otherOpenItems: PostmortemItemView[];
  /** A recorded risk acceptance for having no critical/high item. */
  riskAccepted: boolean;
}

export const DEFAULT_WINDOWS: Record<Priority, number> = { critical: 7, high: 30, medium: 60, low: 90 };
