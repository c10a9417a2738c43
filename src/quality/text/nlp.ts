/**
 * The part-of-speech layer of the gate: wink-nlp with its small English model, loaded once
 * per process on first use (about 90 ms) because the gate runs on every keystroke.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Tagged {
  text: string;
  /** Universal POS tag: VERB, NOUN, PROPN, ADJ, AUX, … */
  pos: string;
}

let engine: WinkMethods | null = null;

/** The loaded model; the first call pays for loading it. */
export function nlp(): WinkMethods {
  engine ??= winkNLP(model);
  return engine;
}

const cache = new Map<string, Tagged[]>();
const CACHE_MAX = 500;

function tag(text: string): Tagged[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const n = nlp();
  const doc = n.readDoc(text);
  const words = doc.tokens().out();
  const pos = doc.tokens().out(n.its.pos.bind(n.its));
  const tagged = words.map((w, i) => ({ text: w, pos: pos[i] ?? 'X' }));
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(text, tagged);
  return tagged;
}

/**
 * Tags a title or a sentence as an imperative: titles are Title Case and verbless labels are
 * common, so the tagger reads "Pin", "Store" or "Document" as names. Reading the words after
 * "We must" tells whether the first word can be the action.
 */
export function tagAsCommand(text: string): Tagged[] {
  const t = text.trim();
  if (!t) return [];
  return tag(`We must ${t.charAt(0).toLowerCase()}${t.slice(1)}`).slice(2);
}

/** Tags the text as typed. */
export const tagAsTyped = (text: string): Tagged[] => tag(text.trim());

const isVerb = (t: Tagged | undefined): boolean => t?.pos === 'VERB';

/**
 * Whether the text starts with an action verb. Either reading may say so ("Release
 * JupyterHub 0.9" is a verb only as a command); a short run of nouns with no article,
 * preposition or number is a label however it is read ("Circuit breaker implementation",
 * "Retry limits", "Vault audit log shipping").
 */
export function startsWithAction(text: string): boolean {
  const typed = tagAsTyped(text);
  const command = tagAsCommand(text);
  if (looksLikeLabel(typed)) return false;
  return isVerb(command[0]) || isVerb(typed[0]);
}

const LABEL_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'CCONJ', 'VERB']);
function looksLikeLabel(typed: Tagged[]): boolean {
  const words = typed.filter((t) => t.pos !== 'PUNCT');
  if (words.length < 2 || words.length > 5 || !words.every((t) => LABEL_POS.has(t.pos))) return false;
  const last = words[words.length - 1];
  // A label ends in its head noun ("…implementation", "…limits", "…shipping"); a command ends in its object.
  return /(?:ion|ment|ing|ity|ance|ence|s)$/i.test(last.text) && !/^(?:add|set|use|fix|pin|run)$/i.test(words[0].text);
}

/** Proper nouns of the text (product and system names), as typed. */
export const properNouns = (text: string): string[] =>
  tagAsTyped(text)
    .filter((t, i) => t.pos === 'PROPN' && i > 0)
    .map((t) => t.text);
