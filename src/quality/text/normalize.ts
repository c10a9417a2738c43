/**
 * Tokenising and light English stemming for the quality rules. Rules match on stems so
 * that "improve", "improved", "improves" and "improving" are one word, and on clauses so
 * that a subject is never looked for across a comma or a semicolon.
 */
export interface Token {
  /** As typed, without the possessive "'s": "Kenji's" -> "Kenji". */
  text: string;
  lower: string;
  stem: string;
  /** Typed with a possessive "'s" ("Kenji's access"). */
  possessive: boolean;
  /** Clauses are split at punctuation; tokens of one clause share this number. */
  clause: number;
  /** First word of its clause. */
  clauseStart: boolean;
  /** Offsets of the word (with any possessive) in the text as given. */
  start: number;
  end: number;
}

// Words keep internal dots, commas and apostrophes so "api.example.com", "3,400" and
// "can't" stay one token; hyphens split ("double-checks" -> "double", "checks").
const TOKEN = /([\p{L}\p{N}_]+(?:[.,'’/][\p{L}\p{N}_]+)*)|([.,;:!?()[\]{}—–]|(?<=\s)-(?=\s))/gu;
// One spelling for the role, so lexicons list "oncall" once.
const ON_CALL = /\bon[\s-]?call\b/giu;

export function tokenize(text: string | null | undefined): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let clauseStart = true;
  // Padding keeps every offset equal to the text as typed.
  for (const m of (text ?? '').replace(ON_CALL, (w) => 'oncall'.padEnd(w.length, ' ')).matchAll(TOKEN)) {
    if (m[2] !== undefined) {
      if (!clauseStart) clause++;
      clauseStart = true;
      continue;
    }
    const possessive = /['’]s$/iu.test(m[1]) && m[1].length > 2;
    const word = possessive ? m[1].slice(0, -2) : m[1];
    const lower = word.toLowerCase().replace(/’/g, "'");
    tokens.push({
      text: word,
      lower,
      stem: stem(lower),
      possessive,
      clause,
      clauseStart,
      start: m.index,
      end: m.index + m[1].length,
    });
    clauseStart = false;
  }
  return tokens;
}

const VOWEL = /[aeiouy]/;
// Consonant pairs that are part of the word, not doubled for a suffix ("fall", "miss").
const KEEP_DOUBLE = /(ll|ss|zz|ff)$/;

/**
 * Strips English inflections only (plural, -ed, -ing, final -e). Not a full Porter
 * stemmer: derivations such as "-ness" or "-ly" stay, because they change the meaning the
 * rules care about ("careless" is not "care").
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (/ies$/.test(w) || /ied$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) return w;
  else if (/(s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (/eed$/.test(w)) return w;
  else if (/ing$/.test(w) && VOWEL.test(w.slice(0, -3)) && w.length > 5) w = undouble(w.slice(0, -3));
  else if (/ed$/.test(w) && VOWEL.test(w.slice(0, -2)) && w.length > 4) w = undouble(w.slice(0, -2));
  else if (/s$/.test(w)) w = w.slice(0, -1);
  if (/[^e]e$/.test(w) && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !KEEP_DOUBLE.test(w) ? w.slice(0, -1) : w;
}

/** The stems of a phrase written in plain words: phrase("looked into") -> ["look", "into"]. */
export function phrase(words: string): string[] {
  return tokenize(words).map((t) => t.stem);
}

/** Index of the first occurrence of the phrase (by stems) within one clause, or -1. */
export function findPhrase(tokens: Token[], stems: readonly string[], from = 0): number {
  outer: for (let i = from; i + stems.length <= tokens.length; i++) {
    for (let k = 0; k < stems.length; k++) {
      const t = tokens[i + k];
      if (t.stem !== stems[k] || t.clause !== tokens[i].clause) continue outer;
    }
    return i;
  }
  return -1;
}

/** The first of several phrases found, with where. */
export function findAnyPhrase(
  tokens: Token[],
  phrases: readonly (readonly string[])[],
): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const p of phrases) {
    const index = findPhrase(tokens, p);
    if (index >= 0 && (!best || index < best.index)) best = { index, length: p.length };
  }
  return best;
}

/** Stems compiled once from plain-word lists. */
export const phrases = (list: readonly string[]): string[][] => list.map(phrase);
export const stemSet = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(stem));

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'nobody',
  'none',
  'cannot',
  "can't",
  "won't",
  "don't",
  "doesn't",
  "isn't",
  "aren't",
  "shouldn't",
  "mustn't",
  'longer',
]);

/**
 * True when a negator stands within `window` words before the token, in the same clause:
 * "no longer requires manual steps", "should not need a restart", "without blame".
 */
export function isNegated(tokens: Token[], index: number, window = 3, extra: ReadonlySet<string> = new Set()): boolean {
  for (let i = index - 1; i >= 0 && i >= index - window; i--) {
    if (tokens[i].clause !== tokens[index].clause) return false;
    if (NEGATORS.has(tokens[i].lower) || extra.has(tokens[i].stem)) return true;
  }
  return false;
}
