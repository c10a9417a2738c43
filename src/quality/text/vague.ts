import { findAnyPhrase, isNegated, phrases, stemSet, type Token } from './normalize.js';

/**
 * Outcomes nobody can check: feelings and comparisons without a baseline. Shared by the
 * specific rule (titles) and the measurable rule (success criteria).
 */
const VAGUE_OUTCOMES = stemSet([
  'better',
  'worse',
  'improved',
  'happier',
  'happy',
  'comfortable',
  'confident',
  'prepared',
  'aware',
  'good',
  'great',
  'fine',
  'ok',
  'okay',
  'nice',
  'stable',
  'reliable',
  'robust',
  'resilient',
  'smooth',
  'smoother',
  'faster',
  'quicker',
  'easier',
  'safer',
  'simpler',
  'cleaner',
  'stronger',
  'healthier',
  'fewer',
  'less',
  'annoyed',
  'feel',
  'seem',
  'properly',
  'correctly',
  'well',
]);
const VAGUE_OUTCOME_PHRASES = phrases([
  'as expected',
  'look good',
  'looks fine',
  'less of a problem',
  'under control',
  'more reliable',
  'more stable',
]);

// "more" and "less" are vague unless a baseline follows: "more than 100 messages".
const OPEN_COMPARATIVE = stemSet(['more', 'less', 'fewer']);

/** The vague outcome word or phrase, or null. */
export function findVagueOutcome(tokens: Token[]): string | null {
  const hit = findAnyPhrase(tokens, VAGUE_OUTCOME_PHRASES);
  if (hit)
    return tokens
      .slice(hit.index, hit.index + hit.length)
      .map((t) => t.text)
      .join(' ');
  const word = tokens.find(
    (t, i) => VAGUE_OUTCOMES.has(t.stem) || (OPEN_COMPARATIVE.has(t.stem) && tokens[i + 1]?.lower !== 'than'),
  );
  return word ? word.text : null;
}

const COMPARATIVES = stemSet([
  'better',
  'safer',
  'faster',
  'quicker',
  'easier',
  'simpler',
  'cleaner',
  'smoother',
  'stronger',
  'healthier',
  'sturdier',
  'tighter',
  'leaner',
  'nicer',
]);

/** "safer", "more resilient", "fewer pages" (but not "more than 100"): a direction without a target. */
export function findComparative(tokens: Token[]): string | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (COMPARATIVES.has(t.stem)) return t.text;
    const next = tokens[i + 1];
    // "name buckets more clearly" compares a manner, not a quantity.
    if (
      OPEN_COMPARATIVE.has(t.stem) &&
      next &&
      next.lower !== 'than' &&
      tokens[i - 1]?.lower !== 'no' &&
      !/ly$/.test(next.lower)
    )
      return `${t.text} ${next.text}`;
  }
  return null;
}

/** Appeals to attention instead of a change: they ask people to try harder. */
const ATTITUDES = phrases([
  'be careful',
  'be more careful',
  'more careful',
  'pay attention',
  'pay more attention',
  'be vigilant',
  'be more vigilant',
  'be mindful',
  'think twice',
  'take more care',
  'take care',
  'try harder',
  'do better',
  'stay alert',
  'stay focused',
  'be more diligent',
  'be diligent',
]);

/** The first appeal to attention, unless negated ("so responders no longer need to pay attention to…"). */
export function findAttitude(tokens: Token[]): { index: number; words: string } | null {
  const hit = findAnyPhrase(tokens, ATTITUDES);
  if (!hit || isNegated(tokens, hit.index, 4)) return null;
  return {
    index: hit.index,
    words: tokens
      .slice(hit.index, hit.index + hit.length)
      .map((t) => t.text)
      .join(' '),
  };
}
