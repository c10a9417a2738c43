import { tokenize } from './normalize.js';

// Words that carry no meaning of their own in a title; dropped so "Add a CI check" and
// "Add CI check" compare equal.
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'and',
  'or',
  'at',
  'by',
  'from',
  'into',
  'is',
  'are',
  'be',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'as',
  'so',
  'than',
  'when',
  'which',
  'who',
  'we',
  'our',
  'all',
  'any',
  'each',
  'every',
  'per',
  'via',
]);

const contentStems = (text: string): string[] =>
  tokenize(text)
    .filter((t) => !STOPWORDS.has(t.lower))
    .map((t) => t.stem);

function dice<T>(a: T[], b: T[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const right = new Map<T, number>();
  for (const x of b) right.set(x, (right.get(x) ?? 0) + 1);
  let common = 0;
  for (const x of a) {
    const n = right.get(x) ?? 0;
    if (n > 0) {
      common++;
      right.set(x, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

const trigrams = (words: string[]): string[] => {
  const s = ` ${words.join(' ')} `;
  return Array.from({ length: Math.max(s.length - 2, 0) }, (_, i) => s.slice(i, i + 3));
};

/**
 * How alike two titles are, 0..1: the mean of word overlap (on stems, without stopwords)
 * and character-trigram overlap. Words catch reordering; trigrams catch small spelling
 * differences ("CONCURRENTLY" vs "concurrent") that word overlap misses.
 */
export function similarity(a: string, b: string): number {
  const wa = contentStems(a);
  const wb = contentStems(b);
  if (wa.length === 0 || wb.length === 0)
    return wa.length === wb.length && a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  return (dice(wa, wb) + dice(trigrams(wa), trigrams(wb))) / 2;
}
