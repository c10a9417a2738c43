/**
 * Reads one sentence of an action item the way the specific rule needs it: its words with
 * their part of speech, where the action is, and where the main clause ends. Titles are
 * often labels ("Retry limits"), Title Case commands ("Document The Failover") or reports
 * ("Values increased to…"), so two readings are kept: as typed and read as a command.
 */
import { couldBeImperative, looksLikeLabel, tagAsCommand, tagAsTyped, tagsAt } from './nlp.js';
import { stemSet, tokenize, type Token } from './normalize.js';
import { isNameLike } from './people.js';

export interface Sentence {
  /** The sentence as typed; token offsets are offsets into it. */
  text: string;
  tokens: Token[];
  /** Part of speech of each token as typed. */
  typed: string[];
  /** Part of speech of each token when the sentence is read as a command ("We must …"). */
  command: string[];
  /** Index of the word that carries the action, or -1 when the sentence states none. */
  verb: number;
  /** Index of the first word after the main clause (a condition, a purpose, a relative clause). */
  end: number;
}

/** The first sentence of a text and the rest; a title may be a whole paragraph. */
export function splitFirstSentence(text: string | null | undefined): { first: string; rest: string } {
  const t = (text ?? '').trim();
  // A full stop ends a sentence unless it ends an abbreviation such as "e.g." or "i.e.".
  const stop = /(?<!\b\p{L}\.\p{L})(?<!\b(?:e\.g|i\.e|vs|approx|incl))[.!?](?=\s|$)|\n/u.exec(t);
  if (!stop) return { first: t.slice(0, MAX_SENTENCE), rest: '' };
  // The stop stays with its sentence: a question keeps its question mark.
  return { first: t.slice(0, Math.min(stop.index + 1, MAX_SENTENCE)).trim(), rest: t.slice(stop.index + 1).trim() };
}
const MAX_SENTENCE = 300;

// Words that may precede the action without being it: "We should add…", "Action: add…".
const LEAD_INS = new Set([
  'we',
  'should',
  'must',
  'need',
  'needs',
  'to',
  "let's",
  'lets',
  'please',
  'will',
  'action',
  'ai',
  'todo',
  // The team in the first person, contracted as status pages write it: "we’ve added…", "I'll move…".
  'i',
  "we've",
  "we'll",
  "we're",
  "we'd",
  "i've",
  "i'll",
  "i'm",
  "i'd",
]);
const INTENTIONS = new Set(['intend', 'intends', 'plan', 'plans', 'going', 'want', 'wants', 'hope', 'expect']);
const POSSESSIVES = new Set(['our', 'their', 'its', 'my', 'your', 'his', 'her']);
// Where an item is filed rather than what it does: "Created a ticket to migrate…".
const WRAPPERS = stemSet(['ticket', 'issue', 'task', 'story', 'item', 'card', 'epic']);
// Words that open a condition ("alert when…") and words that open a purpose or an explanation.
const CONDITIONS = new Set(['when', 'if', 'where', 'while', 'whenever', 'unless', 'until', 'once', 'before', 'after']);
const EXPLANATIONS = new Set(['which', 'so', 'because', 'since', 'otherwise', 'especially']);
const CLAUSE_ENDS = new Set([...CONDITIONS, ...EXPLANATIONS]);

export function readSentence(typedText: string): Sentence {
  // "IMPROVE LOGGING FOR PAYMENTS": every capitalised word would read as a name, so a shouted
  // sentence is read in sentence case (same length: evidence still points at the typed text).
  const text = unshouted(typedText);
  const tokens = tokenize(text);
  const typed = tagsAt(tagAsTyped(text), tokens);
  // The command reading only matters when the typed reading does not start with a verb.
  const command = typed[0] === 'VERB' ? typed : tagsAt(tagAsCommand(text), tokens);
  const s: Sentence = { text, tokens, typed, command, verb: -1, end: tokens.length };
  s.verb = actionIndex(s);
  s.end = mainClauseEnd(s, Math.max(0, s.verb));
  return s;
}

/**
 * A sentence with no lower-case letter and at least three words, in sentence case; any other
 * text as it is. One or two acronyms ("SSO", "DNS TTL") are not shouting.
 */
export function unshouted(text: string): string {
  if (/\p{Ll}/u.test(text) || (text.match(/\p{Lu}{2,}/gu) ?? []).length < 3) return text;
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return text;
  const first = lower.search(/\p{L}/u);
  return lower.slice(0, first) + text.charAt(first) + lower.slice(first + 1);
}

const isVerbAt = (s: Sentence, i: number): boolean => s.typed[i] === 'VERB';
/** The first word after `i` past at most two adverbs: "to quickly alert", "are also evaluating". */
function pastAdverbs(s: Sentence, i: number): number {
  let j = i + 1;
  while (s.typed[j] === 'ADV' && j < i + 3) j++;
  return j;
}

/** "to" that opens an infinitive ("to alert on…"), not a preposition ("to 300 s"). */
export function isInfinitiveTo(s: Sentence, i: number): boolean {
  if (s.tokens[i]?.lower !== 'to') return false;
  const j = pastAdverbs(s, i);
  return s.typed[j] === 'VERB' || (s.typed[j] === 'AUX' && s.tokens[j]?.lower === 'be');
}

/**
 * Index of the word that carries the action: past lead-ins ("We should", "Marcus to"),
 * past a subject that reports a change ("Values increased…"), past a filing wrapper
 * ("Created a ticket to …") or a verbless preamble ("First course of action, to ask…").
 * -1 when the sentence names no action at all (a label such as "Retry limits").
 */
function actionIndex(s: Sentence): number {
  const { tokens } = s;
  let i = 0;
  // "Marcus to add…", "SRE to build…" (a team's initials), but not "Consider to add…".
  if (
    tokens.length > 2 &&
    tokens[1].lower === 'to' &&
    ((s.typed[0] === 'PROPN' && isNameLike({ ...tokens[0], clauseStart: false })) ||
      (/^\p{Lu}{2,6}$/u.test(tokens[0].text) && s.typed[2] === 'VERB'))
  )
    i = 2;
  while (i < tokens.length - 1 && LEAD_INS.has(tokens[i].lower)) i++;
  // "Therefore we need to find…", "Also add…", "Systematically cordon…": a leading adverb is not the action.
  if (
    s.typed[i] === 'ADV' &&
    i + 1 < tokens.length &&
    (/^(?:ADV|PRON|VERB|AUX)$/.test(s.typed[i + 1] ?? '') || /ly$/.test(tokens[i].lower))
  ) {
    i++;
    while (i < tokens.length - 1 && LEAD_INS.has(tokens[i].lower)) i++;
  }
  // "We intend to disable…", "We are going to move…": an intention, then the action it announces.
  if (s.typed[i] === 'ADV' && /^(?:have|has)$/.test(tokens[i + 1]?.lower ?? '')) i++;
  if (/^(?:is|are|am)$/.test(tokens[i]?.lower ?? '') && tokens[i + 1]?.lower === 'going') i++;
  // "We are improving the docs", "We are adding a lock…", "We are also evaluating…": after a pronoun,
  // the progressive is the action, even where the tagger reads its object as a noun it qualifies.
  const ing = pastAdverbs(s, i);
  if (
    i > 0 &&
    s.typed[i - 1] === 'PRON' &&
    /^(?:is|are|am|'re)$/.test(tokens[i]?.lower ?? '') &&
    s.typed[ing] === 'VERB' &&
    /ing$/.test(tokens[ing].lower) &&
    tokens[ing].lower !== 'going'
  )
    return ing;
  // "We have to think again…": an obligation, then the action.
  const obliged = /^(?:have|has)$/.test(tokens[i]?.lower ?? '');
  if ((INTENTIONS.has(tokens[i]?.lower ?? '') || obliged) && i + 2 < tokens.length && isInfinitiveTo(s, i + 1)) {
    i += 2;
    while (i < tokens.length - 1 && LEAD_INS.has(tokens[i].lower)) i++;
  }
  // "As a general point, we should…", "Going forward, we will…", "Even if we keep X, we should…": a
  // fronted phrase or condition, then the clause whose subject is the team.
  const next = tokens.findIndex((t, k) => k > i && k <= 12 && t.clauseStart);
  const fronted =
    i === 0 &&
    next > 0 &&
    /^(?:we|they|i)(?:'(?:ve|ll|re|d|m))?$/.test(tokens[next].lower) &&
    (/^(?:ADP|ADV|SCONJ)$/.test(s.typed[0]) || /ing$/.test(tokens[0].lower) || CONDITIONS.has(tokens[1]?.lower ?? ''));
  if (fronted) {
    i = next;
    while (i < tokens.length - 1 && LEAD_INS.has(tokens[i].lower)) i++;
  }
  // "If a pod hangs, kill it": a condition in front of the action.
  if (CONDITIONS.has(tokens[i]?.lower ?? '')) {
    const next = tokens.findIndex((t, k) => k > i && t.clauseStart);
    if (next > 0) {
      i = next;
      while (i < tokens.length - 1 && LEAD_INS.has(tokens[i].lower)) i++;
    }
  }
  // "Created a ticket to configure X", "Ticket raised to configure X": the action is what the ticket is for.
  for (let w = i; w < Math.min(tokens.length, i + 6); w++) {
    if (!WRAPPERS.has(tokens[w].stem) || !/^(?:NOUN|PROPN)$/.test(s.typed[w])) continue;
    for (let k = w + 1; k < Math.min(tokens.length, w + 6); k++) if (isInfinitiveTo(s, k)) return nextVerb(s, k);
  }
  // "Values increased to…", "Renovate failed to…": a subject, then the change it reports.
  if (
    i === 0 &&
    s.typed[0] !== 'VERB' &&
    isVerbAt(s, 1) &&
    s.command[1] === 'VERB' &&
    /(?:ed|s)$/.test(tokens[1].lower)
  )
    return 1;
  // Only the command reading sees a verb in front: a Title Case label ("Circuit breaker implementation") or a command.
  if (i === 0 && s.typed[0] !== 'VERB' && looksLikeLabel(tagAsTyped(s.text))) return -1;
  if (isVerbAt(s, i) || (s.command[i] === 'VERB' && couldBeImperative(tokens[i].text))) return i;
  // A word the tagger does not know as a verb, followed by an article or a possessive: "Backfill the
  // orders…", "Setup our ingress…"; after "should", "have" with an object is the action ("…have a talk").
  const determiner = s.typed[i + 1] === 'DET' || POSSESSIVES.has(tokens[i + 1]?.lower ?? '');
  if (determiner && !/^(?:DET|ADP|PRON|SCONJ|CCONJ|NUM)$/.test(s.typed[i]) && couldBeImperative(tokens[i].text))
    if (s.typed[i] !== 'AUX' || tokens[i].lower === 'have') return i;
  // "First course of action, to ask AWS…": a verbless preamble, then the action.
  for (let k = i; k < Math.min(tokens.length, i + 8); k++) {
    if (isVerbAt(s, k)) break;
    if (tokens[k].clauseStart && k > 0 && isInfinitiveTo(s, k)) return nextVerb(s, k);
  }
  // Otherwise the first verb of the main clause, unless it only qualifies a noun ("index rotation failing
  // alerts", "Amazon Managed Prometheus"): a label names no action.
  const end = mainClauseEnd(s, i);
  for (let k = i; k < end; k++) if (isVerbAt(s, k) && !modifiesNoun(s, k) && !inNounPhrase(s, k)) return k;
  return -1;
}

// "index dating issues", "Amazon Managed Prometheus": a participle in front of a noun qualifies it.
const modifiesNoun = (s: Sentence, k: number): boolean =>
  /(?:ing|ed)$/.test(s.tokens[k].lower) && /^(?:NOUN|PROPN)$/.test(s.typed[k + 1] ?? '');
// "the root cause", "a quick fix", "ownership of deploys": after an article, or after a preposition
// unless it is a gerund, a "verb" is a noun the tagger misread.
const inNounPhrase = (s: Sentence, k: number): boolean =>
  s.typed[k - 1] === 'DET' ||
  (/^(?:NOUN|ADJ)$/.test(s.typed[k - 1] ?? '') && s.typed[k - 2] === 'DET') ||
  (s.typed[k - 1] === 'ADP' && s.tokens[k - 1].lower !== 'to' && !/ing$/.test(s.tokens[k].lower));

function nextVerb(s: Sentence, from: number): number {
  const i = s.typed.findIndex((p, j) => j > from && p === 'VERB');
  return i < 0 ? from + 1 : i;
}

/** Index of the first word after the main clause that starts at `from`. */
export function mainClauseEnd(s: Sentence, from: number): number {
  const { tokens } = s;
  const clause = tokens[from]?.clause;
  for (let i = from + 1; i < tokens.length; i++) {
    if (tokens[i].clause !== clause || CLAUSE_ENDS.has(tokens[i].lower) || isInfinitiveTo(s, i)) return i;
    // "dependencies that degraded": a relative clause; "Ensure that …" is the object itself.
    if (relativeThat(s, i)) return i;
  }
  return tokens.length;
}

/**
 * What each word belongs to: the main clause (or an action coordinated with it: "…and
 * publish the findings"), a condition ("…when the queue is full"), or a purpose or an
 * explanation ("…to respond faster", "…so that nobody has to", "…which caused the outage").
 */
export type Region = 'main' | 'condition' | 'purpose';
export function regions(s: Sentence): Region[] {
  const { tokens } = s;
  const out: Region[] = [];
  let state: Region = 'main';
  let fronted = false;
  // A purpose opened by "so", "because" or "which" carries on through "and": "…so we probe more often and detect earlier".
  let explained = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const afterAction = i > s.verb;
    // A fronted condition ends with its clause: "If the pod hangs, kill it".
    if (fronted && t.clauseStart) {
      state = 'main';
      fronted = false;
    }
    if (CONDITIONS.has(t.lower) && (t.lower !== 'before' && t.lower !== 'after' ? true : s.typed[i + 1] !== 'NOUN')) {
      // "before"/"after" open a condition only as conjunctions: "before deploying", not "after 2 minutes".
      if (state === 'main') {
        state = 'condition';
        fronted = !afterAction;
      }
    } else if (afterAction && (EXPLANATIONS.has(t.lower) || isInfinitiveTo(s, i) || relativeThat(s, i))) {
      if (state === 'main') explained = EXPLANATIONS.has(t.lower);
      state = 'purpose';
    } else if (
      state !== 'main' &&
      !(state === 'purpose' && explained) &&
      (t.lower === 'and' || t.lower === 'then') &&
      isActionAt(s, i + 1) &&
      // "…to try and mitigate it": "try and" is one verb ("try to"), not a second action.
      tokens[i - 1]?.lower !== 'try'
    ) {
      state = 'main';
    }
    out.push(state);
  }
  return out;
}

// "dependencies that degraded" opens a relative clause; "Ensure that …", "Note that …" open the object.
const relativeThat = (s: Sentence, i: number): boolean =>
  s.tokens[i].lower === 'that' && i - 1 > s.verb && /^(?:NOUN|PROPN)$/.test(s.typed[i - 1] ?? '');
const isActionAt = (s: Sentence, i: number): boolean => s.typed[i] === 'VERB' || s.command[i] === 'VERB';
