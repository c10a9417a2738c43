import { isNegated, stemSet, tokenize, type Token } from './normalize.js';
import { isNameLike, isPersonNoun, isPersonRef, personObjectAfter } from './people.js';
import { findAttitude } from './vague.js';

/**
 * Finds blame in a sentence: words that judge people, hindsight ("should have"), a person
 * as the subject of a failure, and fixes aimed at a person. Naming someone in a neutral
 * sentence ("Pair with Dana…", "Marcus found the lock holder") is not blame.
 */
export type BlameKind = 'blame-word' | 'counterfactual' | 'person-failure' | 'person-directed' | 'access';
export interface BlameHit {
  kind: BlameKind;
  /** The words as typed, for the message. */
  words: string;
}

export function findBlame(text: string | null | undefined): BlameHit | null {
  const tokens = tokenize(text);
  for (const detect of DETECTORS) {
    const hit = detect(tokens, text ?? '');
    if (hit) return hit;
  }
  return null;
}

const span = (tokens: Token[], from: number, to: number): string =>
  tokens
    .slice(from, to + 1)
    .map((t) => (t.possessive ? `${t.text}'s` : t.text))
    .join(' ');
const sameClause = (tokens: Token[], a: number, b: number): boolean => tokens[a]?.clause === tokens[b]?.clause;

// Causes that point at a person: "human error", "operator error".
const ERROR_AGENTS = stemSet(['human', 'operator', 'pilot', 'personnel', 'engineer', 'developer', 'staff']);
const ERRORS = stemSet(['error', 'mistake', 'errors', 'mistakes']);
// "prevent operator error" and "make human error impossible" are the systemic fix itself.
const PREVENTIVE = stemSet([
  'prevent',
  'avoid',
  'eliminate',
  'reduce',
  'remove',
  'guard',
  'against',
  'minimize',
  'minimise',
  'catch',
  'tolerate',
  'proof',
  'resistant',
]);
const IMPOSSIBLE = stemSet(['impossible', 'prevented', 'unlikely']);
const prevented = (tokens: Token[], i: number): boolean =>
  isNegated(tokens, i, 4, PREVENTIVE) ||
  tokens.slice(i + 2, i + 6).some((t) => t.clause === tokens[i].clause && IMPOSSIBLE.has(t.stem));
const JUDGING_PREFIXES = ['careless', 'negligen', 'sloppy', 'sloppi', 'incompeten', 'reckless', 'irresponsib'];
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'my', 'our', 'your', 'whose', 'at']);
const FAULTS = stemSet(['fault', 'mistake', 'error', 'negligence', 'oversight', 'blunder', 'screwup']);

function blameWord(tokens: Token[]): BlameHit | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (
      ERROR_AGENTS.has(t.stem) &&
      next &&
      ERRORS.has(next.stem) &&
      sameClause(tokens, i, i + 1) &&
      !prevented(tokens, i)
    ) {
      return { kind: 'blame-word', words: span(tokens, i, i + 1) };
    }
    if (t.stem === 'blam' && tokens[i - 1]?.lower !== 'git' && !isNegated(tokens, i))
      return { kind: 'blame-word', words: t.text };
    if (JUDGING_PREFIXES.some((p) => t.lower.startsWith(p))) return { kind: 'blame-word', words: t.text };
    if (
      (t.possessive && isPersonRef(t)) ||
      (t.stem === 'fault' && POSSESSIVE_PRONOUNS.has(tokens[i - 1]?.lower ?? ''))
    ) {
      const fault = t.stem === 'fault' ? i : next && FAULTS.has(next.stem) ? i + 1 : -1;
      if (fault >= 0) return { kind: 'blame-word', words: span(tokens, t.possessive ? i : Math.max(i - 1, 0), fault) };
    }
    if (t.stem === 'fault' && next?.lower === 'of' && tokens[i + 2] && isPersonRef(tokens[i + 2]))
      return { kind: 'blame-word', words: span(tokens, i, i + 2) };
  }
  return null;
}

const MODALS = new Set(['should', 'could', 'would', 'might', 'must', 'ought']);
const NEGATED_MODALS = new Set(["shouldn't", "couldn't", "wouldn't", "mightn't", "mustn't"]);
const HINDSIGHT_FILLERS = new Set([
  'not',
  'never',
  'to',
  'really',
  'easily',
  'also',
  'just',
  'already',
  'probably',
  'clearly',
]);
const IRREGULAR_PARTICIPLES = new Set([
  'been',
  'done',
  'seen',
  'known',
  'caught',
  'run',
  'taken',
  'gone',
  'told',
  'written',
  'made',
  'put',
  'set',
  'got',
  'gotten',
  'found',
  'held',
  'kept',
  'left',
  'read',
  'sent',
  'spent',
  'thought',
  'understood',
  'brought',
  'built',
  'hit',
  'let',
  'lost',
  'meant',
  'paid',
  'said',
  'shut',
  'spoken',
  'stood',
  'taught',
  'chosen',
  'given',
  'hidden',
  'shown',
  'thrown',
  'broken',
  'forgotten',
  'begun',
  'become',
  'come',
  'dealt',
  'felt',
  'heard',
  'led',
  'stuck',
  'woken',
  'drawn',
  'proven',
  'overridden',
  'rewritten',
  'mistaken',
  'undertaken',
  'spotted',
]);
// "-eed" words ("need", "speed") look like participles but are not.
const isParticiple = (t: Token | undefined): boolean =>
  !!t && (IRREGULAR_PARTICIPLES.has(t.lower) || (/[a-z]{2}ed$/.test(t.lower) && !/eed$/.test(t.lower)));

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'his',
  'her',
  'their',
  'our',
  'my',
  'your',
  'any',
  'all',
  'every',
  'each',
  'some',
  'no',
]);
const PREPOSITIONS = new Set([
  'on',
  'in',
  'at',
  'to',
  'for',
  'with',
  'by',
  'before',
  'after',
  'during',
  'from',
  'into',
  'about',
  'when',
  'if',
  'and',
  'or',
  'earlier',
  'sooner',
  'first',
  'again',
]);
/**
 * "should have embedded runbook links" is a requirement: a regular participle directly
 * before a bare noun reads as an adjective. "should have checked the migration" does not.
 */
function isAdjectiveReading(tokens: Token[], j: number): boolean {
  const next = tokens[j + 1];
  if (IRREGULAR_PARTICIPLES.has(tokens[j].lower) || !next || !sameClause(tokens, j, j + 1)) return false;
  return !DETERMINERS.has(next.lower) && !PREPOSITIONS.has(next.lower) && !/(ly|er)$/.test(next.lower);
}

/** "should have checked", "could've been caught", "wouldn't have noticed" (but "should have a runbook" is a requirement). */
function counterfactual(tokens: Token[]): BlameHit | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const contracted = /^(should|could|would|might|must)(n't)?'ve$/.test(t.lower);
    if (!contracted && !MODALS.has(t.lower) && !NEGATED_MODALS.has(t.lower)) continue;
    let j = i + 1;
    if (!contracted) {
      while (tokens[j] && HINDSIGHT_FILLERS.has(tokens[j].lower)) j++;
      if (tokens[j]?.lower !== 'have') continue;
      j++;
    }
    while (tokens[j] && HINDSIGHT_FILLERS.has(tokens[j].lower)) j++;
    if (
      isParticiple(tokens[j]) &&
      sameClause(tokens, i, j) &&
      !isAdjectiveReading(tokens, j) &&
      (!thingSubject(tokens, i) || personAgent(tokens, j) > 0) &&
      !expectedSignal(tokens, i, j) &&
      !outcomeOfTheTeam(tokens, i, j)
    )
      return { kind: 'counterfactual', words: span(tokens, i, Math.max(j, personAgent(tokens, j))) };
  }
  return pastCondition(tokens);
}

/**
 * "We could have been back in 3 minutes", "(could've been back sooner)": "been" as the verb
 * states how things could have gone, not what someone failed to do; it is hindsight about a
 * person only with one as the subject ("Bob could have been faster").
 */
function outcomeOfTheTeam(tokens: Token[], modal: number, participle: number): boolean {
  if (tokens[participle]?.lower !== 'been' || isParticiple(tokens[participle + 1])) return false;
  const subject = tokens[modal - 1];
  if (!subject || !sameClause(tokens, modal - 1, modal)) return true;
  return /^(?:we|i|it|this|that|they)$/.test(subject.lower) || thingSubject(tokens, modal);
}

/**
 * "The dropped column could have been spotted by the reviewer": the passive moves the person out
 * of the subject, but the hindsight is still about them. Index of the person after "by", or
 * -1 ("…could have been caught by a canary" is about a tool).
 */
function personAgent(tokens: Token[], participle: number): number {
  if (tokens[participle]?.lower !== 'been' || !isParticiple(tokens[participle + 1])) return -1;
  let k = participle + 2;
  if (tokens[k]?.lower !== 'by' || !sameClause(tokens, participle, k)) return -1;
  k++;
  while (tokens[k] && DETERMINERS.has(tokens[k].lower)) k++;
  // "by the on-call engineer": the person noun may close a short compound.
  for (let end = k; end < k + 3 && tokens[end] && sameClause(tokens, participle, end); end++)
    if (isPersonRef(tokens[end]) && tokens[end].lower !== 'we') return end;
  return -1;
}

/**
 * "If Priya had run the dry-run…", "Had the reviewer run the tests…": a condition
 * in the past perfect with a person as its subject judges what they did. A thing as the
 * subject ("If the cache had expired…") or the team itself ("If we had had a canary…")
 * is a finding, not blame.
 */
function pastCondition(tokens: Token[]): BlameHit | null {
  for (let i = 0; i < tokens.length; i++) {
    const opener = tokens[i].lower;
    if (opener !== 'if' && !(opener === 'had' && tokens[i].clauseStart)) continue;
    let k = i + 1;
    while (tokens[k] && DETERMINERS.has(tokens[k].lower)) k++;
    // The subject: a name or a person noun, possibly closing a short compound ("the on-call engineer").
    let subject = -1;
    for (let end = k; end < k + 3 && tokens[end] && sameClause(tokens, i, end); end++)
      if (isPersonRef(tokens[end])) {
        subject = end;
        break;
      }
    if (subject < 0 || /^(?:we|i|it|they)$/.test(tokens[subject].lower)) continue;
    let h = subject + 1;
    if (opener === 'if') {
      if (tokens[h]?.lower !== 'had') continue;
      h++;
    }
    while (tokens[h] && HINDSIGHT_FILLERS.has(tokens[h].lower)) h++;
    if (isParticiple(tokens[h]) && tokens[h].lower !== 'been' && sameClause(tokens, i, h))
      return { kind: 'counterfactual', words: span(tokens, i, h) };
  }
  return null;
}

// What reaches people rather than what they do: "we should have received a page".
const RECEIVED = new Set(['seen', 'received', 'gotten', 'got', 'heard']);
const SIGNALLED = new Set(['paged', 'alerted', 'notified', 'warned', 'told']);
/**
 * "We should have seen these alerts", "we should have been paged": the team expected a
 * signal the system did not send, which is a finding about the alerting, not hindsight on
 * a person. "We should have noticed" or "Bob should have seen it" stay hindsight.
 */
function expectedSignal(tokens: Token[], modal: number, participle: number): boolean {
  if (!/^(?:we|i)$/.test(tokens[modal - 1]?.lower ?? '')) return false;
  const p = tokens[participle].lower;
  return RECEIVED.has(p) || (p === 'been' && SIGNALLED.has(tokens[participle + 1]?.lower ?? ''));
}

/**
 * Hindsight about a tool or a step is a finding, not blame: "A canary would have flagged the
 * bad build", "This could have been alerted on". The word before the modal is its subject.
 */
function thingSubject(tokens: Token[], modal: number): boolean {
  const subject = tokens[modal - 1];
  if (!subject || !sameClause(tokens, modal - 1, modal)) return false;
  // Acronyms are often roles ("the DBA", "the SRE"), so only a plain word counts as a thing.
  return !isPersonRef(subject) && !subject.possessive && !/^\p{Lu}{2,}s?$/u.test(subject.text);
}

// Failures stated with a person as their subject: "Bob failed to", "the on-call engineer ignored".
const FAILURE_BEFORE_TO = stemSet(['fail', 'forget', 'forgot', 'neglect', 'bother']);
const FAILURE_VERBS = stemSet(['ignore', 'miss', 'overlook']);
// Phrasal slips: "mess up", "screw up", "slip up", "drop the ball".
const FAILURE_PARTICLE = stemSet(['mess', 'screw', 'slip', 'goof']);
const MAKE = new Set(['make', 'makes', 'made', 'making']);
const SUBJECT_FILLERS = new Set([
  'no',
  'longer',
  'not',
  'never',
  'also',
  'again',
  'repeatedly',
  'had',
  'has',
  'have',
  'was',
  'were',
  'did',
  "didn't",
  'does',
  "doesn't",
  'do',
  'is',
  'are',
  'once',
  'still',
  'just',
  'always',
  'often',
  'sometimes',
  'then',
  'accidentally',
  'completely',
  'should',
  'could',
  'would',
  'will',
  'can',
  'must',
  'might',
  'clearly',
  'simply',
]);
const RELATIVES = new Set(['that', 'which', 'who']);
const CLAUSE_WORDS = new Set([
  'when',
  'if',
  'so',
  'because',
  'and',
  'but',
  'after',
  'before',
  'until',
  'while',
  'unless',
  'where',
  'since',
  'as',
  'or',
]);

/** End of a failure predicate starting at i, or -1. "-ing" forms are adjectives here ("missing invoices"). */
function failurePredicateAt(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (FAILURE_BEFORE_TO.has(t.stem) && tokens[i + 1]?.lower === 'to') return i + 1;
  if (FAILURE_VERBS.has(t.stem) && !t.lower.endsWith('ing')) return i;
  if (FAILURE_PARTICLE.has(t.stem) && tokens[i + 1]?.lower === 'up') return i + 1;
  if (t.stem === 'drop' && tokens[i + 2]?.lower === 'ball') return i + 2;
  if (MAKE.has(t.lower)) {
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++)
      if (ERRORS.has(tokens[j].stem) && sameClause(tokens, i, j)) return j;
  }
  return -1;
}

/**
 * Index of the word the predicate at `at` is said of; -1 when the sentence has no subject
 * ("Failed to follow the runbook"), null when a conjunction hides it ("Alert when … fails").
 */
function subjectIndex(tokens: Token[], at: number): number | null {
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.clause !== tokens[at].clause) return -1;
    if (SUBJECT_FILLERS.has(t.lower)) continue;
    if (RELATIVES.has(t.lower)) return t.lower === 'who' ? i : i - 1;
    if (CLAUSE_WORDS.has(t.lower)) return null;
    return i;
  }
  return -1;
}

const CONDITIONS = new Set(['when', 'whenever', 'if', 'unless', 'once']);
/**
 * "Alert when engineers forget to close the channel" states a condition for a system to
 * act on; in the present tense that is not blame. "When Bob forgot to renew it…" narrates.
 */
function isCondition(tokens: Token[], subject: number, predicate: number): boolean {
  let k = subject - 1;
  while (k >= 0 && DETERMINERS.has(tokens[k].lower)) k--;
  return k >= 0 && CONDITIONS.has(tokens[k].lower) && !/(ed|forgot)$/.test(tokens[predicate].lower);
}

/** "jiva-operator", "cert-manager": a word joined in front by a hyphen makes a name ("co-worker" stays a person). */
const PERSON_PREFIXES = new Set(['co', 'ex', 'vice', 'sub', 'non', 'pre', 'self']);
function hyphenatedName(tokens: Token[], i: number, text: string): boolean {
  const before = tokens[i - 1];
  return (
    !!before &&
    text[tokens[i].start - 1] === '-' &&
    before.end === tokens[i].start - 1 &&
    !PERSON_PREFIXES.has(before.lower)
  );
}

const PASSIVE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'get', 'gets', 'got']);
function personFailure(tokens: Token[], text: string): BlameHit | null {
  for (let i = 0; i < tokens.length; i++) {
    const end = failurePredicateAt(tokens, i);
    if (end < 0) continue;
    // "…other servers are ignored": the passive says what is left out, not who failed, unless
    // a person is named as the agent ("…was ignored by the reviewer").
    if (PASSIVE_AUX.has(tokens[i - 1]?.lower ?? '') && FAILURE_VERBS.has(tokens[i].stem)) {
      const by = tokens[end + 1]?.lower === 'by' ? end + 2 : -1;
      const agent = tokens
        .slice(by, by + 3)
        .filter((t) => isPersonRef(t) && t.lower !== 'we')
        .pop();
      if (by < 0 || !agent || !sameClause(tokens, i, by)) continue;
      return { kind: 'person-failure', words: span(tokens, i - 1, tokens.indexOf(agent)) };
    }
    const subject = subjectIndex(tokens, i);
    if (subject === null) continue;
    // Without a subject only a past tense reads as blame ("Failed to follow the runbook");
    // "Failing to renew certificates causes outages" is about the failure itself.
    if (subject < 0) {
      if (/(ed|forgot)$/.test(tokens[i].lower)) return { kind: 'person-failure', words: span(tokens, i, end) };
      continue;
    }
    if (isCondition(tokens, subject, i)) continue;
    // "We missed the certificates this time": the team naming its own gap singles nobody out.
    if (tokens[subject].lower === 'we') continue;
    // "jiva-operator failed to reconcile": a role noun closing a hyphenated name is software.
    if (isPersonNoun(tokens[subject]) && hyphenatedName(tokens, subject, text)) continue;
    if (tokens[subject].lower === 'who' || isPersonRef(tokens[subject]))
      return { kind: 'person-failure', words: span(tokens, subject, end) };
  }
  return null;
}

// Fixes aimed at people. Punitive verbs are blame whenever a person is their object.
const PUNITIVE = stemSet([
  'retrain',
  'reprimand',
  'discipline',
  'punish',
  'scold',
  'lecture',
  'sanction',
  'penalize',
  'penalise',
  'fire',
  'dismiss',
  'demote',
  'counsel',
  'shame',
]);
// Instructions are blame when they single out someone by name or ask for more diligence.
const INSTRUCTIVE = stemSet([
  'tell',
  'remind',
  'ask',
  'instruct',
  'train',
  'coach',
  'educate',
  'teach',
  'warn',
  'require',
  'make',
  'have',
  'get',
  'ensure',
  'sure',
  'force',
  'encourage',
  'urge',
  'expect',
]);
const SINGLING_OUT = stemSet(['train', 'coach', 'educate', 'teach', 'warn', 'tell', 'remind']);
const DILIGENCE = stemSet([
  'double',
  'triple',
  'check',
  'recheck',
  'verify',
  'read',
  'remember',
  'follow',
  'watch',
  'look',
  'pay',
  'attention',
  'careful',
  'vigilant',
  'focus',
  'forget',
  'think',
  'slow',
  'diligent',
]);
const ACCOUNTABLE = new Set(['accountable', 'responsible', 'liable']);
const HOLD = stemSet(['hold', 'holds', 'held', 'make', 'makes', 'made']);

function personDirected(tokens: Token[]): BlameHit | null {
  const attitude = findAttitude(tokens);
  // "We have to be more careful…" is the team's own resolution, not a fix aimed at someone.
  const own =
    attitude && tokens.some((t, k) => k < attitude.index && t.lower === 'we' && sameClause(tokens, k, attitude.index));
  if (attitude && !own) return { kind: 'person-directed', words: attitude.words };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const person = PUNITIVE.has(t.stem) || INSTRUCTIVE.has(t.stem) ? personObjectAfter(tokens, i) : -1;
    if (person < 0) continue;
    if (PUNITIVE.has(t.stem)) return { kind: 'person-directed', words: span(tokens, i, person) };
    const named = isNameLike(tokens[person]) && !isPersonNoun(tokens[person]);
    const diligence = tokens.slice(person + 1, person + 6).find((d) => d.clause === t.clause && DILIGENCE.has(d.stem));
    if ((named && SINGLING_OUT.has(t.stem)) || diligence)
      return { kind: 'person-directed', words: span(tokens, i, diligence ? tokens.indexOf(diligence) : person) };
  }
  return heldAccountable(tokens);
}

/** "Hold the release manager accountable", "make Bob responsible for…". */
function heldAccountable(tokens: Token[]): BlameHit | null {
  const at = tokens.findIndex((t) => ACCOUNTABLE.has(t.lower));
  for (let i = at - 1; at > 0 && i >= 0 && i >= at - 6 && sameClause(tokens, i, at); i--) {
    if (HOLD.has(tokens[i].stem) && personObjectAfter(tokens, i) >= 0)
      return { kind: 'person-directed', words: span(tokens, i, at) };
  }
  return null;
}

// Taking access away from one person: "remove Kenji's write access", "revoke Tom from deployers".
const TAKE_AWAY = stemSet([
  'remove',
  'revoke',
  'restrict',
  'suspend',
  'disable',
  'limit',
  'reduce',
  'downgrade',
  'lock',
  'strip',
  'take',
  'pull',
]);
const ACCESS = stemSet([
  'access',
  'permission',
  'permissions',
  'right',
  'rights',
  'privilege',
  'privileges',
  'credential',
  'credentials',
  'account',
  'role',
  'key',
  'keys',
  'login',
]);
const PERSONAL_POSSESSIVES = new Set(['his', 'her', 'their']);
// "Remove Tom from the deployers group" takes a person out; "Remove Memcached from the session path" does not.
const GROUPS_OF_PEOPLE = stemSet([
  'group',
  'rotation',
  'team',
  'list',
  'roster',
  'schedule',
  'deployers',
  'admins',
  'approvers',
  'oncall',
  'org',
  'role',
  'access',
  'channel',
  'project',
  'repo',
  'repository',
]);

function accessRemoval(tokens: Token[]): BlameHit | null {
  for (let i = 0; i < tokens.length; i++) {
    if (!TAKE_AWAY.has(tokens[i].stem)) continue;
    for (let j = i + 1; j <= i + 3 && j < tokens.length && sameClause(tokens, i, j); j++) {
      const t = tokens[j];
      const owner = (t.possessive && isPersonRef(t)) || PERSONAL_POSSESSIVES.has(t.lower);
      const access = owner ? tokens.slice(j + 1, j + 4).findIndex((a) => ACCESS.has(a.stem)) : -1;
      if (access >= 0) return { kind: 'access', words: span(tokens, i, j + 1 + access) };
      if (
        isNameLike(t) &&
        !isPersonNoun(t) &&
        tokens[j + 1]?.lower === 'from' &&
        tokens.slice(j + 2, j + 6).some((g) => GROUPS_OF_PEOPLE.has(g.stem))
      ) {
        return { kind: 'access', words: span(tokens, i, j + 1) };
      }
    }
  }
  return null;
}

const DETECTORS: ((tokens: Token[], text: string) => BlameHit | null)[] = [
  blameWord,
  counterfactual,
  personFailure,
  personDirected,
  accessRemoval,
];
