/**
 * The part-of-speech layer of the gate: wink-nlp with its small English model, loaded once
 * per process on first use (about 70 ms) because the gate runs on every keystroke. Only
 * the sentence a rule reads is tagged (the first sentence of a title or a description),
 * never a whole description.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Tagged {
  text: string;
  /** Universal POS tag: VERB, NOUN, PROPN, ADJ, AUX, … */
  pos: string;
  /** Offsets in the text as given. */
  start: number;
  end: number;
}

let engine: WinkMethods | null = null;
let lexiconSize = -1;

/** The loaded model; the first call pays for loading it. */
export function nlp(): WinkMethods {
  if (!engine) {
    engine = winkNLP(model);
    // Words outside the lexicon get ids past it, in the order they are first read, so the
    // first made-up word read by the engine marks where the lexicon ends.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    lexiconSize = engine.readDoc('qzxjvqzxjv').tokens().out(engine.its.uniqueId)[0] as unknown as number;
  }
  return engine;
}

const cache = new Map<string, Tagged[]>();
const wordClass = new Map<string, string>();
const CACHE_MAX = 500;

/** Forgets every tagged text and word (the bench measures uncached checks). */
export function clearTagCache(): void {
  cache.clear();
  wordClass.clear();
  known.clear();
}

function tag(text: string): Tagged[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const n = nlp();
  const doc = n.readDoc(text);
  const words = doc.tokens().out();
  // wink-nlp recognises its helpers by identity (a bound copy silently yields the words
  // instead of the tags), and the helpers do not use `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const pos = doc.tokens().out(n.its.pos);
  let cursor = 0;
  const tagged = words.map((w, i) => {
    const at = text.indexOf(w, cursor);
    const start = at < 0 ? cursor : at;
    cursor = at < 0 ? cursor : at + w.length;
    return { text: w, pos: pos[i] ?? 'X', start, end: start + w.length };
  });
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(text, tagged);
  return tagged;
}

const COMMAND_LEAD = 'We must ';

/**
 * Tags a title or a sentence as an imperative: titles are Title Case and verbless labels are
 * common, so the tagger reads "Pin", "Store" or "Document" as names. Reading the words after
 * "We must" tells whether the first word can be the action.
 */
export function tagAsCommand(text: string): Tagged[] {
  const t = text.trim();
  if (!t) return [];
  const shift = COMMAND_LEAD.length - (text.length - text.trimStart().length);
  return tag(`${COMMAND_LEAD}${t.charAt(0).toLowerCase()}${t.slice(1)}`)
    .slice(2)
    .map((w) => ({ ...w, start: w.start - shift, end: w.end - shift }));
}

/** Tags the text as typed. */
export const tagAsTyped = (text: string): Tagged[] => {
  const lead = text.length - text.trimStart().length;
  return tag(text.trim()).map((w) => ({ ...w, start: w.start + lead, end: w.end + lead }));
};

const isVerb = (t: Tagged | undefined): boolean => t?.pos === 'VERB';

/**
 * Whether the text starts with an action verb. Either reading may say so ("Release
 * JupyterHub 0.9" is a verb only as a command); a short run of nouns with no article,
 * preposition or number is a label however it is read ("Circuit breaker implementation",
 * "Retry limits", "Vault audit log shipping").
 */
export function startsWithAction(text: string): boolean {
  const typed = tagAsTyped(text);
  if (isVerb(typed[0])) return true;
  if (looksLikeLabel(typed)) return false;
  return isVerb(tagAsCommand(text)[0]) && couldBeImperative(typed[0].text);
}

/** An imperative is the bare verb: "Engineers from…" or "Values increased…" cannot be one. */
export const couldBeImperative = (word: string): boolean => !/[^su]s$/i.test(word) || /(?:ss|us|is)$/i.test(word);

const LABEL_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'CCONJ', 'VERB']);
/** A short run of nouns and adjectives that names a topic: "Retry limits", "Vault audit log shipping". */
export function looksLikeLabel(typed: Tagged[]): boolean {
  const words = typed.filter((t) => t.pos !== 'PUNCT');
  if (words.length < 2 || words.length > 5 || !words.every((t) => LABEL_POS.has(t.pos))) return false;
  const last = words[words.length - 1];
  // A label ends in its head noun ("…implementation", "…limits", "…shipping"); a command ends in its object.
  return (
    /(?:ion|ment|ing|ity|ance|ence|[^s]s)$/i.test(last.text) && !/^(?:add|set|use|fix|pin|run)$/i.test(words[0].text)
  );
}

/** Proper nouns of the text (product and system names), as typed. */
export const properNouns = (text: string): string[] =>
  tagAsTyped(text)
    .filter((t, i) => t.pos === 'PROPN' && i > 0)
    .map((t) => t.text);

/**
 * The tag of each of the given spans of the text (the words of the gate's own tokenizer),
 * from the reading that covers the span's first character.
 */
export function tagsAt(tagged: readonly Tagged[], spans: readonly { start: number }[]): string[] {
  let k = 0;
  return spans.map((s) => {
    while (k < tagged.length - 1 && tagged[k].end <= s.start) k++;
    return tagged[k]?.pos ?? 'X';
  });
}

const known = new Map<string, boolean>();
/**
 * Whether the model's lexicon holds the word. A word it has never seen ("kubelet",
 * "pgbouncer", "anycast") is a product, a tool or a jargon term: something one can look up,
 * unlike "process" or "coverage". wink-nlp gives words outside its lexicon ids past it.
 */
export function isKnownWord(word: string): boolean {
  const w = word.toLowerCase();
  const hit = known.get(w);
  if (hit !== undefined) return hit;
  const n = nlp();
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const id = n.readDoc(w).tokens().out(n.its.uniqueId)[0] as unknown as number;
  const inLexicon = typeof id === 'number' && id < lexiconSize;
  if (known.size >= CACHE_MAX) known.clear();
  known.set(w, inLexicon);
  return inLexicon;
}

/** The tag of a word read on its own ("long" → ADJ), for morphology such as comparatives. */
export function wordTag(word: string): string {
  const known = wordClass.get(word);
  if (known) return known;
  const pos = tag(word)[0]?.pos ?? 'X';
  if (wordClass.size >= CACHE_MAX) wordClass.clear();
  wordClass.set(word, pos);
  return pos;
}
