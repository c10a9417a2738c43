import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blamelessRule } from '../../src/quality/rules/blameless.rule.js';
import { specificRule } from '../../src/quality/rules/specific.rule.js';
import { DEFAULT_WINDOWS, type RuleContext } from '../../src/quality/quality.types.js';

interface RealCase {
  pattern: string;
  title: string;
  description?: string;
  expect: 'pass' | 'warning' | 'error';
  blameless?: boolean;
}

const { cases } = JSON.parse(readFileSync(join(process.cwd(), 'test/quality-real/cases.json'), 'utf8')) as {
  cases: RealCase[];
};
const ctx: RuleContext = { today: '2026-12-01', windows: DEFAULT_WINDOWS, owner: null };

describe('quality gate on patterns from real postmortem action items', () => {
  it.each(cases.map((c) => [c.pattern, c] as const))('%s: %p', (_pattern, c) => {
    const draft = { title: c.title, description: c.description };
    const specific = specificRule(draft, ctx);
    if (c.expect === 'pass') expect(specific).toEqual([]);
    else expect(specific.map((f) => f.severity)).toEqual([c.expect]);
    for (const f of specific)
      for (const e of f.evidence) expect((draft[e.field as 'title'] ?? '').slice(e.start, e.end)).toBe(e.text);
    if (c.blameless !== undefined) {
      const blame = blamelessRule(draft, ctx);
      expect(blame.length > 0).toBe(c.blameless);
      for (const f of blame)
        for (const e of f.evidence)
          expect((draft[e.field as 'title' | 'description'] ?? '').slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('covers every pattern with at least one case', () => {
    expect(new Set(cases.map((c) => c.pattern)).size).toBeGreaterThanOrEqual(20);
  });
});
