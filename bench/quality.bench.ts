/**
 * npm run bench:quality — the quality gate's cost per item (p50/p99) and the NLP model's
 * load cost. Items: the repo's labelled sets and test/quality-real, plus the real-text
 * corpus kept outside the repo when QUALITY_CORPUS points at its labelled.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkItem } from '../src/quality/index.js';
import { DEFAULT_WINDOWS, type ActionItemDraft, type RuleContext } from '../src/quality/quality.types.js';
import { nlp } from '../src/quality/text/nlp.js';

const root = process.cwd();
const drafts: ActionItemDraft[] = [];
for (const f of ['test/quality-labelled/items.json', 'test/quality-labelled/holdout.json']) {
  const set = JSON.parse(readFileSync(join(root, f), 'utf8')) as { cases: { draft: ActionItemDraft }[] };
  drafts.push(...set.cases.map((c) => c.draft));
}
const real = JSON.parse(readFileSync(join(root, 'test/quality-real/cases.json'), 'utf8')) as {
  cases: { title: string; description?: string }[];
};
drafts.push(...real.cases.map((c) => ({ title: c.title, description: c.description })));
const corpus = process.env.QUALITY_CORPUS;
if (corpus && existsSync(corpus)) {
  const items = JSON.parse(readFileSync(corpus, 'utf8')) as { title: string; description?: string | null }[];
  drafts.push(...items.map((i) => ({ title: i.title, description: i.description })));
}

const t0 = performance.now();
nlp();
const loadMs = performance.now() - t0;

const ctx: RuleContext = { today: '2026-12-01', windows: DEFAULT_WINDOWS, owner: null };
const times: number[] = [];
// Each item twice: the first pass is what a new keystroke costs, the second repeats are cached.
for (const d of drafts) {
  const s = performance.now();
  checkItem({ ...d, title: `${d.title} ` }, ctx);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
console.log(`items ${times.length}`);
console.log(`model load ${loadMs.toFixed(1)} ms`);
console.log(
  `per item p50 ${q(0.5).toFixed(3)} ms  p99 ${q(0.99).toFixed(3)} ms  max ${times[times.length - 1].toFixed(3)} ms`,
);
