import { decide, PROSE_TOKENS, ruleReading, specificRule } from '../rules/specific.rule.js';
import { DEFAULT_WINDOWS, type ActionItemDraft, type Finding, type RuleContext } from '../quality.types.js';
import { FLAG_ABOVE, itemTokens, KEEP_WARNING_ABOVE, lookupKey, modelTokens, readVagueness } from './vague-model.js';

const ctx: RuleContext = { today: '2026-12-01', windows: DEFAULT_WINDOWS, owner: null };

describe('vague-item model', () => {
  it('reads words, numbers and code-like tokens with their place in the field', () => {
    const tokens = modelTokens('Pin libssl to 3.0.13 in build/base.Dockerfile', 'title');
    expect(tokens.map((t) => [t.word, t.kind])).toEqual([
      ['pin', 'word'],
      ['libssl', 'word'],
      ['to', 'word'],
      ['3.0.13', 'number'],
      ['in', 'word'],
      ['build/base.dockerfile', 'code'],
    ]);
    expect(tokens[1]).toMatchObject({ field: 'title', start: 4, end: 10 });
    expect(itemTokens('Retry limits', 'Cap retries at 2').map((t) => t.field)).toEqual([
      'title',
      'title',
      'description',
      'description',
      'description',
      'description',
    ]);
  });

  it('looks words up by their 32-bit FNV-1a hash', () => {
    // Reference values of FNV-1a 32 for "" and "a".
    expect(lookupKey('')).toBe(0x811c9dc5);
    expect(lookupKey('a')).toBe(0xe40c292c);
  });

  it('scores an intention above a change, the same way every time', () => {
    const intention = readVagueness(
      'Going forward our engineers will keep strengthening the safeguards around the billing platform',
      null,
    );
    const change = readVagueness('Add a disk-usage alert at 85 % on the build hosts', null);
    expect(intention.score).toBeGreaterThan(FLAG_ABOVE);
    expect(change.score).toBeLessThan(KEEP_WARNING_ABOVE);
    expect(readVagueness('Add a disk-usage alert at 85 % on the build hosts', null).score).toBe(change.score);
  });

  it('names the words that raised the score, largest first', () => {
    const { drivers } = readVagueness('We will keep strengthening our safeguards', 'So this never happens again.');
    expect(drivers.length).toBeGreaterThan(0);
    expect(drivers.every((d) => d.weight > 0)).toBe(true);
    expect(drivers.map((d) => d.weight)).toEqual([...drivers.map((d) => d.weight)].sort((a, b) => b - a));
  });
});

describe('rules and model together', () => {
  const warning: Finding = { rule: 'specific', severity: 'warning', message: 'm', hint: 'h', evidence: [] };
  const error: Finding = { ...warning, severity: 'error' };
  const reading = (score: number, draft: ActionItemDraft) => ({
    score,
    drivers: [],
    tokens: itemTokens(draft.title, draft.description).length,
  });
  const thresholds = { flag: 3, keep: 1 };
  const prose: ActionItemDraft = {
    title: 'For a quicker restore we wrote a runbook section on restoring the billing database from snapshots',
  };
  const short: ActionItemDraft = { title: 'Make backups quicker' };

  it('keeps an error whatever the model says', () => {
    expect(decide(prose, error, reading(-10, prose), thresholds)).toBe(error);
  });

  it('keeps a warning on a short item, which the rules read whole', () => {
    expect(itemTokens(short.title, null).length).toBeLessThan(PROSE_TOKENS);
    expect(decide(short, warning, reading(-10, short), thresholds)).toBe(warning);
  });

  it('withdraws a warning on prose the model reads as concrete, and keeps it otherwise', () => {
    expect(itemTokens(prose.title, null).length).toBeGreaterThanOrEqual(PROSE_TOKENS);
    expect(decide(prose, warning, reading(0.5, prose), thresholds)).toBeNull();
    expect(decide(prose, warning, reading(1.5, prose), thresholds)).toBe(warning);
  });

  it('leaves an inquiry to the rules, which judge it by its output', () => {
    const inquiry = { title: 'Look into whether the export workers could share one connection pool per host' };
    expect(decide(inquiry, warning, reading(-10, inquiry), thresholds)).toBe(warning);
    const search = { title: 'Determine if there is a way to pause the deploy queue when staging is down' };
    expect(decide(search, warning, reading(-10, search), thresholds)).toBe(warning);
  });

  it('flags what the rules let through only when the model is confident, and not with a measured criterion', () => {
    expect(decide(prose, null, reading(2.9, prose), thresholds)).toBeNull();
    expect(decide(prose, null, reading(3.1, prose), thresholds)?.severity).toBe('warning');
    const measured = { ...prose, successCriteria: 'Restore drill finishes in under 20 minutes' };
    expect(decide(measured, null, reading(3.1, measured), thresholds)).toBeNull();
  });

  it('explains a flag by the words that weigh most, as evidence in the text', () => {
    const draft = {
      title:
        'Going forward our engineers will keep strengthening the safeguards around the billing platform so that incidents like this become far less likely',
    };
    expect(ruleReading(draft)).toBeNull();
    const [finding] = specificRule(draft, ctx);
    expect(finding).toMatchObject({ rule: 'specific', severity: 'warning' });
    expect(finding.message).toMatch(/intention rather than a change/);
    expect(finding.evidence.length).toBeGreaterThan(0);
    for (const e of finding.evidence) {
      expect(e.field).toBe('title');
      expect(draft.title.slice(e.start, e.end)).toBe(e.text);
      expect(finding.message).toContain(`"${e.text}"`);
    }
  });

  it('passes a prose item whose only rule warning the model does not share', () => {
    const draft = {
      title:
        'For a quicker restore, we wrote a runbook section on restoring the billing database from the nightly snapshot',
    };
    expect(ruleReading(draft)?.severity).toBe('warning');
    expect(specificRule(draft, ctx)).toEqual([]);
  });
});
