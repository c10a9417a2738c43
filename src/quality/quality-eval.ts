/**
 * Measures the item rules against a labelled set (test/quality-labelled/items.json):
 * recall on bad items, the share of good items flagged at all, and per-rule figures.
 */
import { ITEM_RULES } from './quality-check.js';
import {
  DEFAULT_WINDOWS,
  type ActionItemDraft,
  type FindingSeverity,
  type ItemRuleId,
  type Priority,
  type ResolvedOwner,
  type RuleContext,
} from './quality.types.js';

export interface LabelledCase {
  id: string;
  draft: ActionItemDraft;
  owner?: ResolvedOwner | null;
  /** The rules that must flag the item; empty for a good item. */
  label: { rule: ItemRuleId; severity: FindingSeverity }[];
}

export interface RuleFigures {
  /** Of the items this rule flagged, the share that were labelled for it (null: it flagged none). */
  precision: number | null;
  /** Of the items labelled for this rule, the share it flagged (null: none labelled). */
  recall: number | null;
  flagged: number;
  labelled: number;
}

export interface Evaluation {
  cases: number;
  good: number;
  bad: number;
  /** Share of bad items on which every expected rule fired. */
  recall: number;
  /** Share of good items with any finding at all, warning or error. */
  falsePositiveRate: number;
  /** Share of expected rule firings that came with the expected severity. */
  severityAgreement: number;
  perRule: Record<ItemRuleId, RuleFigures>;
  /** Ids of bad items missed and good items flagged, with the rules involved. */
  missed: { id: string; rules: ItemRuleId[] }[];
  falsePositives: { id: string; rules: ItemRuleId[] }[];
}

export const LABELLED_TODAY = '2026-11-21';
const RULE_IDS: ItemRuleId[] = ['specific', 'measurable', 'owned', 'time-bound', 'blameless'];
const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function evaluate(
  cases: LabelledCase[],
  opts: { today?: string; windows?: Record<Priority, number> } = {},
): Evaluation {
  const runs = cases.map((c) => {
    const ctx: RuleContext = {
      today: opts.today ?? LABELLED_TODAY,
      windows: opts.windows ?? DEFAULT_WINDOWS,
      owner: c.owner ?? null,
    };
    const findings = ITEM_RULES.flatMap((rule) => rule(c.draft, ctx));
    return { c, fired: new Map(findings.map((f) => [f.rule as ItemRuleId, f.severity])) };
  });
  const good = runs.filter((r) => r.c.label.length === 0);
  const bad = runs.filter((r) => r.c.label.length > 0);
  const missed = bad
    .map((r) => ({ id: r.c.id, rules: r.c.label.filter((l) => !r.fired.has(l.rule)).map((l) => l.rule) }))
    .filter((m) => m.rules.length > 0);
  const falsePositives = good.filter((r) => r.fired.size > 0).map((r) => ({ id: r.c.id, rules: [...r.fired.keys()] }));
  const expected = bad.flatMap((r) => r.c.label.map((l) => ({ l, fired: r.fired.get(l.rule) })));

  const perRule = Object.fromEntries(
    RULE_IDS.map((rule) => {
      const flagged = runs.filter((r) => r.fired.has(rule));
      const labelled = runs.filter((r) => r.c.label.some((l) => l.rule === rule));
      const hits = flagged.filter((r) => r.c.label.some((l) => l.rule === rule)).length;
      return [
        rule,
        {
          precision: ratio(hits, flagged.length),
          recall: ratio(hits, labelled.length),
          flagged: flagged.length,
          labelled: labelled.length,
        },
      ];
    }),
  ) as Record<ItemRuleId, RuleFigures>;

  return {
    cases: cases.length,
    good: good.length,
    bad: bad.length,
    recall: ratio(bad.length - missed.length, bad.length) ?? 1,
    falsePositiveRate: ratio(falsePositives.length, good.length) ?? 0,
    severityAgreement: ratio(expected.filter((e) => e.fired === e.l.severity).length, expected.length) ?? 1,
    perRule,
    missed,
    falsePositives,
  };
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** The figures as a short plain-text table, for logs and issue notes. */
export function formatEvaluation(e: Evaluation): string {
  const lines = [
    `cases ${e.cases} (good ${e.good}, bad ${e.bad})`,
    `recall (bad items flagged by every expected rule): ${pct(e.recall)}`,
    `good items flagged by any rule: ${pct(e.falsePositiveRate)}`,
    `expected findings with the expected severity: ${pct(e.severityAgreement)}`,
    'rule        precision  recall   flagged  labelled',
    ...RULE_IDS.map((r) => {
      const f = e.perRule[r];
      return `${r.padEnd(12)}${pct(f.precision).padStart(9)}${pct(f.recall).padStart(9)}${String(f.flagged).padStart(9)}${String(f.labelled).padStart(10)}`;
    }),
  ];
  if (e.missed.length) lines.push(`missed: ${e.missed.map((m) => `${m.id} [${m.rules.join(', ')}]`).join('; ')}`);
  if (e.falsePositives.length)
    lines.push(`good items flagged: ${e.falsePositives.map((m) => `${m.id} [${m.rules.join(', ')}]`).join('; ')}`);
  return lines.join('\n');
}
