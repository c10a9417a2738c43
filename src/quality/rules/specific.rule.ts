import type { ActionItemDraft, Evidence, Finding, FindingSeverity, ItemRule } from '../quality.types.js';
import { locate } from '../text/evidence.js';
import { quote } from '../text/format.js';
import { hasMeasure } from '../text/measure.js';
import { couldBeImperative, isKnownWord, startsWithAction, wordTag } from '../text/nlp.js';
import { findAnyPhrase, findPhrase, phrases, stem, stemSet, tokenize, type Token } from '../text/normalize.js';
import { isNameLike, isPersonNoun, personObjectAfter } from '../text/people.js';
import {
  isInfinitiveTo,
  readSentence,
  regions,
  splitFirstSentence,
  type Region,
  type Sentence,
  unshouted,
} from '../text/sentence.js';
import { findAttitude, findComparative, findVagueOutcome } from '../text/vague.js';
import { FLAG_ABOVE, KEEP_WARNING_ABOVE, readVagueness, type VagueReading } from '../text/vague-model.js';

/**
 * Below 4 words or 20 characters a title cannot hold a verb, an object and the system it
 * lives in ("Fix DNS", "Add tests", "Misc cleanup"); the shortest specific titles seen in
 * practice are just above it ("Rotate leaked API keys": 4 words, 22 characters).
 */
export const MIN_TITLE_WORDS = 4;
export const MIN_TITLE_CHARS = 20;

/**
 * What is wrong, how sure the rule is, and the words that show it. An error only where the
 * text is clearly not an action (a question, an observation, an appeal to try harder);
 * a warning with a hint where it is borderline.
 */
type Problem = Pick<Finding, 'message' | 'hint'> & {
  severity: FindingSeverity;
  words: string;
  /** A check sure enough of its reading that the model does not withdraw it on prose. */
  firm?: boolean;
};
/** Findings made from firm problems ("took measures to prevent…": nothing is named, whatever the model reads). */
const FIRM = new WeakSet<Finding>();

const INTERROGATIVES = new Set(['why', 'whether']);
const WH_WORDS = new Set(['how', 'what', 'when', 'where', 'who', 'which']);
const AUXILIARIES = new Set([
  'do',
  'does',
  'did',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'should',
  'will',
  'would',
  'shall',
  'much',
  'many',
  'might',
]);
const SUBJECTS = new Set(['we', 'i', 'you', 'they', 'it', 'there', 'anyone', 'someone']);

const VAGUE_PHRASES = phrases([
  'etc',
  'as needed',
  'as necessary',
  'as appropriate',
  'where needed',
  'where possible',
  'wherever possible',
  'whenever possible',
  'where appropriate',
  'if possible',
  'if needed',
  'if necessary',
  'when possible',
  'and so on',
  'and more',
  'various',
  'misc',
  'miscellaneous',
  'stuff',
  'things',
  'somehow',
  'in general',
  'some',
  'tbd',
  'and other',
  'everything',
  'majority of',
  'most of',
]);

/** Verbs that start an inquiry: fine only with a deliverable ("…and publish findings"). */
const EXPLORATORY = phrases([
  'investigate',
  'look into',
  'look at',
  'explore',
  'research',
  'analyse',
  'analyze',
  'dig into',
  'figure out',
  'understand',
  'evaluate',
  'assess',
  'review',
  'consider',
  'discuss',
  'revisit',
  'think about',
  'think',
  'follow up',
  'circle back',
  'check on',
  'check into',
  'sync on',
  'sync with',
  'talk about',
  'talk to',
  'study',
  'brainstorm',
  'examine',
  'keep an eye on',
  'spike into',
  'spike on',
  'check why',
  'find out',
  'reflect on',
  'reflect if',
  'diagnose',
  're evaluate',
  'reevaluate',
  'schedule a discussion',
  'see if',
  'identify why',
  'identify reason',
  'ask',
]);
const DELIVERABLES = stemSet([
  'report',
  'write',
  'writeup',
  'doc',
  'document',
  'findings',
  'proposal',
  'propose',
  'rfc',
  'adr',
  'decision',
  'decide',
  'recommendation',
  'recommend',
  'summary',
  'summarize',
  'plan',
  'estimate',
  'results',
  'comparison',
  'prototype',
  'poc',
  'ticket',
  'publish',
  'share',
  'present',
  'attach',
  'memo',
  'benchmark',
  'fix',
  'implement',
  'apply',
  'go/no-go',
  'compare',
  'design',
  'draft',
  'pick',
  'choose',
  'select',
  'writeup',
]);

/** Verbs that only give a direction: fine only with a target ("Reduce p99 latency to 50 ms"). */
const DIRECTIONAL = phrases([
  'improve',
  'enhance',
  'optimize',
  'optimise',
  'reduce',
  'increase',
  'decrease',
  'lower',
  'raise',
  'boost',
  'strengthen',
  'harden',
  'speed up',
  'streamline',
  'minimize',
  'minimise',
  'maximize',
  'maximise',
  'tighten',
  'refine',
  'stabilize',
  'stabilise',
  'cut',
  'tune',
  'make better',
  'step up',
]);
/** "Ensure stability" says what to want, not what to do; "Ensure every topic has a DLQ" is fine. */
const ASPIRATIONAL = phrases([
  'ensure',
  'make sure',
  'guarantee',
  'maintain',
  'keep',
  'achieve',
  'prioritize',
  'prioritise',
  'focus on',
]);
const QUALITIES = stemSet([
  'stability',
  'reliability',
  'availability',
  'resilience',
  'resiliency',
  'robustness',
  'performance',
  'quality',
  'security',
  'safety',
  'correctness',
  'uptime',
  'consistency',
  'scalability',
  'efficiency',
  'observability',
  'visibility',
  'hygiene',
]);

/** Objects that name no system: "Add monitoring", "Fix the issue", "Prevent this from happening again". */
const GENERIC_WORDS = stemSet([
  'resources',
  'monitoring',
  'alerting',
  'alerts',
  'tests',
  'testing',
  'docs',
  'documentation',
  'observability',
  'logging',
  'logs',
  'metrics',
  'dashboards',
  'process',
  'processes',
  'communication',
  'tooling',
  'automation',
  'safeguards',
  'guardrails',
  'checks',
  'coverage',
  'visibility',
  'performance',
  'reliability',
  'stability',
  'security',
  'quality',
  'resilience',
  'things',
  'stuff',
  'handling',
  'infrastructure',
  'system',
  'systems',
  'code',
  'issue',
  'issues',
  'problem',
  'problems',
  'incident',
  'incidents',
  'outage',
  'outages',
  'bug',
  'bugs',
  'recurrence',
  'situation',
  'everything',
  'happen',
  'again',
  'future',
  'recur',
  'similar',
  'more',
  'better',
  'proper',
  'general',
  'overall',
  'cases',
  'runbooks',
  // Pointers back at the postmortem rather than at a system: "Address the root cause".
  'root',
  'cause',
  'causes',
  'underlying',
  'contributing',
  'factors',
  'gaps',
  'lessons',
  'learned',
  'findings',
  'items',
  'followups',
]);
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'our',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'and',
  'or',
  'from',
  'by',
  'at',
  'as',
  'into',
  'all',
  'any',
  'some',
  'such',
  'so',
  'we',
  'us',
  'be',
  'is',
  'are',
  'again',
  'there',
  'like',
  'one',
]);

/**
 * The rules' reading alone, before the model weighs in: what the form of the sentence shows.
 * Exported for the measurements in test/quality-real.
 */
export function ruleReading(draft: ActionItemDraft): Finding | null {
  const title = (draft.title ?? '').trim();
  // A title may be a paragraph; its first sentence says what will be done, the rest explains.
  const { first, rest } = splitFirstSentence(withoutEnumerator(title));
  const typed = readSentence(afterHeading(first));
  const head = workAfterPreamble(typed) ?? typed;
  let problem = judge(head, draft, 'title');
  if (!problem) return null;
  // "Documentation was out of date. The team will update it.": the problem first, then the action;
  // the item is read from the action (which may still be vague).
  const next = splitFirstSentence(rest).first;
  if (problem.severity === 'error' && tokenize(next).length >= MIN_TITLE_WORDS) {
    const then = readSentence(next);
    const action = judge(then, draft, 'title');
    if (action?.severity !== 'error' && !reportsThePast(then) && !commentsOnItem(then)) problem = action;
    if (!problem) return null;
  }
  // A short label plus a description is judged as a pair: "Retry limits" + "Cap Envoy retries at 2 per request".
  const rescuable = problem.severity === 'warning' || head.verb < 0 || !startsWithAction(head.text);
  const description = splitFirstSentence(withoutEnumerator(draft.description ?? '')).first;
  if (rescuable && description && tokenize(description).length >= MIN_TITLE_WORDS && !isFieldList(description)) {
    const d = readSentence(description);
    if (!reportsThePast(d) && !commentsOnItem(d) && !judge(d, draft, 'description')) return null;
  }
  return finding(problem, draft.title ?? '');
}

const RESTORED = new Set([
  'resolved',
  'restored',
  'recovered',
  'working',
  'operational',
  'stable',
  'fixed',
  'mitigated',
]);
/**
 * "The issue is now resolved, and we are implementing measures…", "We apologise to everyone
 * affected, and promise that we…", "We have an excellent facilities team and we'll be looking
 * at ways…": the first clause says how things stand or how the team feels; the work is in the
 * clause the team opens after "and", which is read as the sentence. Null when there is none.
 */
function workAfterPreamble(s: Sentence): Sentence | null {
  const { tokens, verb } = s;
  if (verb < 0) return null;
  const v = tokens[verb];
  const status = RESTORED.has(v.lower) && tokens.slice(0, verb).some((t) => /^(?:is|are|was|were|been)$/.test(t.lower));
  const possession = /^(?:have|has)$/.test(v.lower) && s.typed[verb + 1] !== 'VERB';
  const feeling = REGRETS.has(v.stem) || v.lower.startsWith('thank');
  if (!status && !possession && !feeling) return null;
  for (let i = verb + 1; i < tokens.length - 2; i++) {
    if (!/^(?:and|so|but)$/.test(tokens[i].lower)) continue;
    let k = i + 1;
    while (k < tokens.length && /^(?:promise|that|also|now)$/.test(tokens[k].lower)) k++;
    const subject = tokens[k];
    if (subject && /^(?:we|i|they|our)$|^(?:we|i)['’]/.test(subject.lower))
      return readSentence(s.text.slice(subject.start));
  }
  return null;
}

/** Where the model's word is final; fixed on a tuning corpus (test/quality-real/README.md). */
export interface Thresholds {
  /** Flag an item the rules let through when the model scores it above this. */
  flag: number;
  /** Keep a rule's warning on a long item only when the model scores it above this. */
  keep: number;
}
const THRESHOLDS: Thresholds = { flag: FLAG_ABOVE, keep: KEEP_WARNING_ABOVE };
/** From this many tokens (title and description) an item is prose, where the model may withdraw a warning. */
export const PROSE_TOKENS = 12;

/**
 * The rules and the model together. An error from the rules stands: the item is clearly not an
 * action. A warning on a short item stands: the rules read a short item whole. A warning on a
 * long item (prose, where one word in a side clause can trip a check) stands only if the model
 * also reads the item as vague, unless the item opens with an inquiry ("Look into…"), which the
 * rules judge by whether it names an output. An item the rules let through is flagged when the
 * model is confident it is vague, unless its success criteria carry a measure.
 */
export function decide(
  draft: ActionItemDraft,
  ruled: Finding | null,
  reading: VagueReading,
  t: Thresholds = THRESHOLDS,
): Finding | null {
  if (ruled?.severity === 'error') return ruled;
  if (ruled) {
    const prose = reading.tokens >= PROSE_TOKENS;
    return !prose ||
      reading.score > t.keep ||
      FIRM.has(ruled) ||
      opensWithInquiry(draft.title) ||
      ruled.evidence.some((e) => opensWithInquiry(e.text))
      ? ruled
      : null;
  }
  if (reading.score <= t.flag || hasMeasure(draft.successCriteria)) return null;
  return vagueByMeaning(draft, reading);
}

export const specificRule: ItemRule = (draft) => {
  const found = decide(draft, ruleReading(draft), readVagueness(draft.title, draft.description));
  return found ? [found] : [];
};

/** A search for means opens like an inquiry: "Determine if there is a way to…", "Look for ways to…". */
const SEARCH_OPENERS = phrases(['determine if', 'determine whether', 'find a way', 'find ways', 'look for ways']);
/** "Look into…", "[Search] Investigate…", "Determine if…": the item's first words start an inquiry. */
function opensWithInquiry(title: string | null | undefined): boolean {
  const tokens = tokenize(withoutEnumerator(title ?? ''));
  return phraseAt(tokens, 0, EXPLORATORY) > 0 || phraseAt(tokens, 0, SEARCH_OPENERS) > 0;
}

/** The model's finding: the words that weigh most towards "vague", as evidence. */
function vagueByMeaning(draft: ActionItemDraft, reading: VagueReading): Finding {
  const drivers = reading.drivers.slice(0, 3);
  const evidence = drivers.map(({ token }) => {
    const text = (token.field === 'title' ? draft.title : draft.description) ?? '';
    return { field: token.field, start: token.start, end: token.end, text: text.slice(token.start, token.end) };
  });
  const words = evidence.map((e) => `"${e.text}"`).join(', ');
  return {
    rule: 'specific',
    severity: 'warning',
    message: `This reads as an intention rather than a change: nothing in it says what will be different when it is done${words ? ` (${words} weigh most)` : ''}.`,
    hint: 'Name the thing that changes and how anyone can check it, e.g. "We are working to make the mail cluster more resilient" → "Add a second MX host in another region and fail over to it in the quarterly drill".',
    evidence,
  };
}

/**
 * "2. Move the cron jobs to the worker pool", "b) Alert on lag", "[Payments] Add a retry",
 * "(ops) Add a retry", "https://tracker/1038 - Add a retry", "{{ Add a retry }}": the number
 * of a list entry, an owner's tag, a ticket's address or a template's braces are not part of
 * the sentence; the entry starts after them.
 */
function withoutEnumerator(text: string): string {
  return (
    text
      .replace(/^\s*\(?(?:\d{1,2}|[a-hA-H])[.)]\s+(?=\S)/u, '')
      .replace(/^\s*\[[^\]]{1,30}\]:?\s+(?=\S)/u, '')
      // "(tc team) identify…": the owners in parentheses before the entry.
      .replace(/^\s*\([^)]{1,30}\)\s+(?=\p{L})/u, '')
      // "https://tracker/issues/1038 - Research and fix…": the ticket's address before the entry.
      .replace(/^\s*https?:\/\/\S+\s+(?=[-–—:]\s)/u, '')
      // "[22Q2-31] - Describe…": a dash left between the tag and the entry.
      .replace(/^\s*[-–—:]\s+(?=\S)/u, '')
      .replace(/^\s*\{\{\s*([^]*?)\s*\}\}\s*$/u, '$1')
  );
}

/**
 * "Type: prevention; Owner: core team; Status: TODO": a tracker's fields pasted as the
 * description say who and when, not what, so they cannot make a vague title concrete.
 */
export function isFieldList(text: string): boolean {
  const parts = text.split(/[;|]/).filter((p) => p.trim());
  const field = (p: string) => /^\s*\p{Lu}[\p{L} ]{0,20}:\s/u.test(p);
  // A field may lose its colon ("Bug 5554824 TODO"), but then it stays a few words.
  return parts.some(field) && parts.every((p) => field(p) || p.trim().split(/\s+/).length <= 3);
}

const SLIPS = new Set(['missed', 'forgot', 'failed', 'overlooked', "didn't", "wasn't", "weren't", "couldn't"]);
/**
 * "We deploy with Ansible but we missed the keys this time": a description that tells what
 * went wrong explains the title; it does not say what will be done, so it cannot rescue it.
 * "We added a cap of 20 connections" reports the fix itself, and can.
 */
function reportsThePast(s: Sentence): boolean {
  // "Had we diffed the zone file, we would have seen the typo": hindsight explains, it does not act.
  const hindsight = s.tokens.some(
    (t, i) =>
      (/^(?:would|could|should|might)$/.test(t.lower) || /['’]d$/.test(t.lower)) &&
      s.tokens[i + 1]?.lower === 'have' &&
      /(?:ed|en|ght|wn)$/.test(s.tokens[i + 2]?.lower ?? ''),
  );
  if (hindsight) return true;
  return s.tokens.some((t, i) => {
    if (!/^(?:we|it|they|i|this|that)$/.test(t.lower)) return false;
    let k = i + 1;
    while (s.typed[k] === 'ADV') k++;
    const v = s.tokens[k];
    const negated = /^(?:did|was|were|had|could)$/.test(v?.lower ?? '') && s.tokens[k + 1]?.lower === 'not';
    return !!v && (SLIPS.has(v.lower) || negated);
  });
}

/**
 * "This would take a whole sprint…", "It is tracked in the backlog": a description
 * whose subject points back at the item comments on it (its cost, where it is tracked); it
 * does not say what will be done, so it cannot make a vague title concrete. "This adds a
 * cap of 20 connections to the pool" says what the item does, and can.
 */
function commentsOnItem(s: Sentence): boolean {
  const [first, second] = s.tokens;
  // "This is https://tracker/issues/5145" points at where the change is written down.
  if (!first || !/^(?:this|it|that)$/.test(first.lower) || !second || /https?:\/\//.test(s.text)) return false;
  // "This ticket follows the work": where the item is tracked, not what it does.
  if (/^(?:issue|ticket|card|task|item|epic|story)$/.test(second.lower)) return true;
  // The item as the subject of a copula, a modal or a negation: a comment, not a change.
  return /^(?:is|was|will|would|could|may|might|does|did|has|should|can|'s)$/.test(second.lower);
}

/**
 * "Network redundancy: add a third edge router": a short label in front of a colon is a
 * heading; the sentence after it says what will be done.
 */
function afterHeading(text: string): string {
  const m = /^([^:]{1,40}):\s+(\S.*)$/su.exec(text);
  if (!m || tokenize(m[1]).length > 4 || tokenize(m[2]).length < 3 || /\/\/|^\s*\d/.test(m[0])) return text;
  return m[2];
}

function finding(p: Problem, title: string): Finding {
  const evidence: Evidence[] = locate('title', title, p.words);
  const found: Finding = {
    rule: 'specific',
    severity: p.severity,
    message: asTyped(p.message, title),
    hint: p.hint,
    evidence,
  };
  if (p.firm) FIRM.add(found);
  return found;
}

/** A shouted title is read in sentence case; the message quotes it as typed ("ADD SSO", not "Add sso"). */
function asTyped(message: string, title: string): string {
  if (unshouted(title) === title) return message;
  const lower = title.toLowerCase();
  return message.replace(/"([^"]+)"/g, (whole, quoted: string) => {
    const at = lower.indexOf(quoted.toLowerCase());
    return at < 0 ? whole : `"${title.slice(at, at + quoted.length)}"`;
  });
}

/** What one sentence says, with the parts the checks look at. */
interface Reading extends Sentence {
  region: Region[];
  /** Where the sentence comes from: only a title can be a label that names a problem. */
  field: 'title' | 'description';
}

function judge(sentence: Sentence, draft: ActionItemDraft, field: Reading['field']): Problem | null {
  const s: Reading = { ...nominalAction(sentence), region: regions(sentence), field };
  // The most telling problem first: "Improve performance" is too short, but "no target" helps more.
  return (
    observation(s) ??
    question(s) ??
    attitude(s.tokens) ??
    namesAProblem(s) ??
    undecidedAside(s) ??
    statesANeed(s) ??
    claimsABenefit(s) ??
    openEnded(s) ??
    unnamedKnowledge(s) ??
    unnamedMeasures(s) ??
    vaguePhrase(s) ??
    superlative(s) ??
    backReference(s) ??
    uncheckableManner(s) ??
    priorityStatement(s) ??
    judgedInTheHead(s) ??
    openQuestionObject(s) ??
    exploratoryWithoutDeliverable(s) ??
    inquiryAsSubject(s) ??
    directionWithoutTarget(s, draft) ??
    genericObject(s) ??
    namesNoThing(s) ??
    openDegree(s) ??
    tooShort(s)
  );
}

/**
 * A label whose head noun is an action turned into a noun ("General hardening of the
 * pipeline", "Further investigation into…", "Observability improvements") is read as that
 * action, so the checks for directions and inquiries apply to it.
 */
function nominalAction(s: Sentence): Sentence {
  if (s.verb >= 0) return lightVerbDirection(s);
  const end = s.tokens.findIndex((_, i) => i > 0 && (s.typed[i] === 'ADP' || s.typed[i] === 'PART'));
  const head = s.tokens
    .slice(0, end < 0 ? undefined : end)
    .findLastIndex((_, i) => /^(?:NOUN|PROPN|VERB)$/.test(s.typed[i]));
  if (head < 0) return s;
  const verb = verbStem(s.tokens[head].lower);
  if (!verb || !ACTION_NOUN_VERBS.has(verb)) return s;
  const tokens = s.tokens.map((t, i) => (i === head ? { ...t, stem: verb } : t));
  return { ...s, tokens, verb: head };
}

/** Verbs that lend their action to the noun after them: "make improvements to", "implement optimisations". */
const LIGHT_DIRECTION_VERBS = stemSet(['make', 'implement', 'introduce', 'deliver', 'bring', 'carry']);

/**
 * "We will make enhancements to the alerting" says "enhance the alerting": the direction is in
 * the noun, so the checks for a direction without a target read it there.
 */
function lightVerbDirection(s: Sentence): Sentence {
  if (!LIGHT_DIRECTION_VERBS.has(s.tokens[s.verb].stem)) return s;
  let k = s.verb + 1;
  while (k < s.verb + 3 && /^(?:DET|ADJ|PRON)$/.test(s.typed[k] ?? '')) k++;
  const noun = s.tokens[k];
  const verb = noun && /^(?:NOUN|PROPN)$/.test(s.typed[k]) ? verbStem(noun.lower) : null;
  if (!verb || !DIRECTIONAL_STEMS.has(verb)) return s;
  const tokens = s.tokens.map((t, i) => (i === k ? { ...t, stem: verb } : t));
  return { ...s, tokens, verb: k };
}

/** The stem of the verb a noun is made from: "improvements" → improve, "optimisation" → optimise, "analysis" → analyse. */
function verbStem(noun: string): string | null {
  const derived = noun
    .replace(/ments?$/, '')
    .replace(/([is])ations?$/, '$1e')
    .replace(/ations?$/, 'ate')
    .replace(/ysis$/, 'yse');
  return derived !== noun ? stem(derived) : /ing$/.test(noun) ? stem(noun) : null;
}
const DIRECTIONAL_STEMS = new Set(DIRECTIONAL.filter((p) => p.length === 1).map((p) => p[0]));
const EXPLORATORY_VERBS = new Set(EXPLORATORY.filter((p) => p.length === 1).map((p) => p[0]));
const ACTION_NOUN_VERBS = new Set([...DIRECTIONAL, ...EXPLORATORY].filter((p) => p.length === 1).map((p) => p[0]));

const words = (tokens: readonly Token[], from: number, length: number): string =>
  tokens
    .slice(from, from + length)
    .map((t) => t.text)
    .join(' ');
/** The words of the main clause and any condition, as text: what a measure or a target must be in. */
const mainText = (s: Reading): string =>
  s.tokens
    .filter((_, i) => s.region[i] !== 'purpose')
    .map((t) => t.text)
    .join(' ');

function tooShort(s: Reading): Problem | null {
  const { text, tokens } = s;
  // "<https://tracker.example/issues/9566>": a link says where the work is tracked, not what it is.
  if (/^\W*(?:https?:\/\/|www\.)\S+\W*$/i.test(text))
    return {
      severity: 'warning',
      words: text,
      message: 'The title is only a link; say what will change, and where.',
      hint: 'Write the change and keep the link in the description, e.g. "https://tracker/issues/9566" → "Run migrations in a separate deploy step before the app restarts".',
    };
  if (tokens.length >= MIN_TITLE_WORDS && text.length >= MIN_TITLE_CHARS) return null;
  // A short command that names a version, a number, a product or a compound object is
  // concrete: "Pin libssl to 3.0.13", "Implement Secrets Manager", "Add staging environment".
  if (tokens.length >= 3 && s.verb === 0 && startsWithAction(text)) {
    const object = tokens.slice(1);
    const nouns = object.filter((_, i) => /^(?:NOUN|PROPN)$/.test(s.command[i + 1] ?? ''));
    if (hasMeasure(text) || object.some(isSpecificName)) return null;
    if (nouns.length >= 2 && nouns.length === object.length && nouns.some((t) => !GENERIC_WORDS.has(t.stem)))
      return null;
  }
  // Whoever acts, a short action on something one can look up says where: "Ops to build 4.2.1",
  // "Recommend retiring gw7" (a version, a code-like token, a host the lexicon does not know).
  if (
    tokens.length >= 3 &&
    s.verb >= 0 &&
    tokens.some((t, i) => i !== s.verb && (/\d/.test(t.text) || isSpecificName(t) || !knownWord(t.lower)))
  )
    return null;
  return {
    severity: 'warning',
    words: text,
    message: text ? `${quote(text)} is too short to say what will change, and where.` : 'The title is empty.',
    hint: 'Name the change and the system, e.g. "Fix DNS" → "Lower the TTL of the api.example.com A record from 3600 s to 300 s".',
  };
}

const YES_NO_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'does', 'did', 'can', 'could', 'would', 'shall']);
function question(s: Reading): Problem | null {
  const { text, tokens } = s;
  const [first, second] = tokens;
  const asks =
    text.endsWith('?') ||
    (first && INTERROGATIVES.has(first.lower)) ||
    (first && WH_WORDS.has(first.lower) && second && (AUXILIARIES.has(second.lower) || SUBJECTS.has(second.lower))) ||
    (first && AUXILIARIES.has(first.lower) && second && SUBJECTS.has(second.lower)) ||
    // "Is taking backups slowing the disk…": an auxiliary in front asks a yes/no question.
    (first && YES_NO_AUXILIARIES.has(first.lower) && s.typed[0] === 'AUX');
  // "Cordon nodes older than 3 days?" is a command with a question mark, not a question.
  if (
    !asks ||
    (!INTERROGATIVES.has(first?.lower ?? '') &&
      !WH_WORDS.has(first?.lower ?? '') &&
      !AUXILIARIES.has(first?.lower ?? ''))
  )
    return null;
  return {
    severity: 'error',
    words: text,
    message: 'This reads as a question; an action item says what will be done.',
    hint: 'Turn the question into the work that answers it, e.g. "Why did failover not trigger?" → "Investigate why DNS failover did not trigger and publish the findings with follow-up tickets".',
  };
}

/** Appeals the specific rule also reads as trying harder (the blameless rule leaves them to it). */
const EXTRA_CARE = phrases(['take extra care', 'be extra careful', 'extra careful']);
function attitude(tokens: Token[]): Problem | null {
  const extra = findAnyPhrase(tokens, EXTRA_CARE);
  const found =
    findAttitude(tokens) ?? (extra ? { index: extra.index, words: words(tokens, extra.index, extra.length) } : null);
  if (!found) return null;
  return {
    severity: 'error',
    words: found.words,
    message: `"${found.words}" asks people to try harder; it does not change a system or a process.`,
    hint: 'Name the guardrail that makes the slip hard, e.g. "Be careful with config pushes" → "Validate load balancer config in CI and reject pushes that remove every backend".',
  };
}

/** Head nouns that name a problem: a label such as "Index rollover issues" says what broke, not what will change. */
const PROBLEMS = stemSet(['issue', 'problem', 'bug', 'error', 'failure', 'outage', 'incident', 'gap', 'breakage']);
function namesAProblem(s: Reading): Problem | null {
  if (s.verb >= 0 || s.field !== 'title') return null;
  // The head is the last noun before any preposition: "Alerting on ingestion failures" is about alerting.
  const end = s.tokens.findIndex((_, i) => s.region[i] !== 'main' || (s.typed[i] === 'ADP' && i > 0));
  const nouns = s.tokens.slice(0, end < 0 ? undefined : end).filter((_, i) => /^(?:NOUN|PROPN)$/.test(s.typed[i]));
  const headNoun = nouns[nouns.length - 1];
  if (!headNoun || !PROBLEMS.has(headNoun.stem)) return null;
  return {
    severity: 'warning',
    words: s.text,
    message: `${quote(s.text)} names a problem, not what will be done about it.`,
    hint: 'Say what will change, e.g. "Index rollover issues" → "Roll the search indices daily and alert when an index exceeds 50 GB".',
  };
}

/**
 * "Backups (perhaps run by the hosting provider)", "Shell access for developers (shared
 * account?)": a label whose only detail is a hedge or a question in parentheses leaves the
 * work undecided. A command with such an aside ("Set a short timeout (ten minutes?)") says
 * what will be done, and passes.
 */
function undecidedAside(s: Reading): Problem | null {
  if (s.field !== 'title' || (s.verb >= 0 && s.typed[s.verb] === 'VERB')) return null;
  const aside = /\(([^()]*)\)/u.exec(s.text);
  if (!aside || !(/\?\s*$/.test(aside[1]) || /\b(?:maybe|perhaps|possibly)\b/i.test(aside[1]))) return null;
  return {
    severity: 'warning',
    words: aside[0],
    message: `${quote(s.text)} names a topic and leaves the work undecided ${aside[0]}.`,
    hint: 'Decide and write the change, e.g. "Backups (maybe by the provider?)" → "Ship a nightly pg_dump of the main database to the provider\'s object storage and alert when it is older than 26 hours".',
  };
}

const NEEDS = new Set(['need', 'needs', 'want', 'wants', 'require', 'requires']);
/** "We need better monitoring", "The alert needs a clearer name": a wish for a thing, with no action. */
function statesANeed(s: Reading): Problem | null {
  const { tokens } = s;
  // After a subject ("We need…"); in front only "Need…" is a wish, "Require two approvals…" is a command.
  const n = tokens.findIndex((t, i) => i <= 3 && NEEDS.has(t.lower) && (i > 0 || t.lower === 'need'));
  const next = tokens[n + 1];
  // "The outage shows a need for sturdier rollbacks": the need as a noun, in a report rather than a command.
  const noun = tokens.findIndex(
    (t, i) =>
      t.lower === 'need' &&
      /^(?:a|the)$/.test(tokens[i - 1]?.lower ?? '') &&
      tokens[i + 1]?.lower === 'for' &&
      s.region[i] === 'main',
  );
  if (noun > 0 && s.typed[0] !== 'VERB' && s.verb !== 0) return needProblem(words(tokens, noun - 1, 3));
  // "A drift analysis is needed": the same wish in the passive, with nothing after it.
  const passive = tokens.findIndex(
    (t, i) =>
      i > 1 &&
      /^(?:needed|required|desirable|wanted)$/.test(t.lower) &&
      /^(?:is|are)$/.test(tokens[i - 1].lower) &&
      !tokens
        .slice(i + 1)
        .some((w, k) => s.region[i + 1 + k] === 'main' && /^(?:NOUN|PROPN|VERB|ADP)$/.test(s.typed[i + 1 + k])),
  );
  if (passive > 0 && !hasMeasure(s.text)) return needProblem(words(tokens, passive - 1, 2));
  // "We might need to tweak the algorithm": a hedged need commits to nothing.
  const hedged = n > 0 && /^(?:might|may|could)$/.test(tokens[n - 1].lower);
  // "We need to move the session store…" says what will be done; so does a verb before the need ("Decide
  // what we need"), unless the tagger misread a noun after an article ("The retry alert needs…").
  if (n < 0 || !next || (next.lower === 'to' && !hedged)) return null;
  if (s.typed.slice(0, n).some((p, i) => p === 'VERB' && s.typed[i - 1] !== 'DET')) return null;
  // "We need per-device audit trails in the admin API": a thing wished for, with no grade on it, is the work.
  let end = n + 1;
  while (end < tokens.length && /^(?:DET|ADJ|NOUN|PROPN|NUM)$/.test(s.typed[end]) && s.region[end] === 'main') end++;
  const object = tokens.slice(n + 1, end);
  const graded = object.some(
    (t, k) => OPEN_DEGREE.has(t.stem) || (s.typed[n + 1 + k] === 'ADJ' && /er$/.test(t.lower)),
  );
  if (
    !hedged &&
    !graded &&
    object.some((_, k) => /^(?:NOUN|PROPN)$/.test(s.typed[n + 1 + k]) && isConcrete(s, n + 1 + k))
  )
    return null;
  return needProblem(words(tokens, 0, n + 1));
}

function needProblem(found: string): Problem {
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" states a need, not what will be done about it.`,
    hint: 'Say what will be built or changed, e.g. "We need better alerting" → "Page the on-call when a node pool stays above 90% of its pod capacity for 10 minutes".',
  };
}

/** Verbs that claim a benefit for their subject: "Fuzzing will help us…", "Canaries let us…". */
const BENEFITS = stemSet(['help', 'allow', 'enable', 'let', 'permit']);
const MODAL_AUX = new Set(['will', 'would', 'should', 'could', 'can', 'may', 'might', "'ll"]);

/**
 * "Continuous fuzzing will help us catch parser bugs sooner", "Load tests help find
 * bottlenecks": a thing as the subject of a benefit, with no command. It says why
 * something is worth doing, not what will be done. "Add fuzzing, which will help…" and
 * "We will help the payments team…" are commands and pass.
 */
function claimsABenefit(s: Reading): Problem | null {
  const { tokens } = s;
  const h = tokens.findIndex(
    (t, i) =>
      i > 0 &&
      s.region[i] === 'main' &&
      BENEFITS.has(t.stem) &&
      (s.typed[i] === 'VERB' || s.command[i] === 'VERB') &&
      // "…will help", "…helps", or a plural subject right before it: "Load tests help…".
      (MODAL_AUX.has(tokens[i - 1].lower) ||
        /s$/.test(t.lower) ||
        (s.typed[i - 1] === 'NOUN' && /[^s]s$/.test(tokens[i - 1].lower))),
  );
  if (h < 0) return null;
  const subjectEnd = MODAL_AUX.has(tokens[h - 1].lower) ? h - 1 : h;
  const subject = tokens.slice(0, subjectEnd);
  // The subject is a thing in the same clause: no command in it ("Add canaries that help…"), not a person.
  const thing = subject.every(
    (t, k) =>
      t.clause === tokens[h].clause &&
      !isPersonNoun(t) &&
      !/^(?:ADP|SCONJ|CCONJ|AUX)$/.test(s.typed[k]) &&
      (s.typed[k] !== 'VERB' || /(?:ing|ed|s)$/.test(t.lower)),
  );
  // "…will allow the balancer to drop dead nodes within 10 s" specifies the thing by what it does.
  if (!subject.length || !thing || hasMeasure(s.text)) return null;
  const found = words(tokens, 0, h + 1);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" claims a benefit; it does not say what will be built or changed.`,
    hint: 'State the change the benefit comes from, e.g. "Fuzzing will help us catch parser bugs sooner" → "Run the parser fuzz target nightly in CI and file a ticket for each new crash".',
  };
}

/** Nouns that stand for knowledge without stating it: "share best practices", "document our learnings". */
const UNNAMED_KNOWLEDGE = phrases([
  'best practice',
  'good practice',
  'learnings',
  'lessons learned',
  'lessons',
  'knowledge',
  'know how',
  'takeaways',
  'insights',
  'tips',
]);

/**
 * "Share best practices for deploys", "Create documentation for best practices on
 * migrations", "Spread knowledge about billing": the object stands for knowledge the item
 * never states, so nobody can tell what is written or shared. A list after a colon states
 * it; "knowledge base" is a thing.
 */
function unnamedKnowledge(s: Reading): Problem | null {
  const { tokens, verb } = s;
  if (s.text.includes(':') || hasMeasure(s.text)) return null;
  const hit = findAnyPhrase(tokens, UNNAMED_KNOWLEDGE);
  // As the subject of a passive it is the same: "Lessons learned will be shared with the team".
  const passive = verb > 0 && /^(?:be|been|is|are)$/.test(tokens[verb - 1].lower);
  if (!hit || s.region[hit.index] !== 'main') return null;
  const last = hit.index + hit.length - 1;
  // In front of the action it is its subject ("Insights from X will inform…"), unless the action is part of
  // it ("Lessons learned…") or a label's gerund ("Knowledge sharing across teams").
  const label = verb === last + 1 && /ing$/.test(tokens[verb].lower);
  if (verb > last && !passive && !label) return null;
  // "knowledge base" is a thing; a deliverable other than the verb ("…into a weekly report") states the content.
  if (/^(?:base|bases|article|articles|graph)$/.test(tokens[last + 1]?.lower ?? '')) return null;
  const artefact = (t: Token, i: number) =>
    DELIVERABLES.has(t.stem) && s.typed[i] === 'NOUN' && !COMMUNICATE.has(t.stem);
  if (tokens.some((t, i) => i > last && s.region[i] === 'main' && artefact(t, i))) return null;
  // "…into a post", "…into the on-call handbook": written into an artefact anyone can open.
  const into = tokens.findIndex((t, i) => i > last && t.lower === 'into' && s.typed[i + 1] === 'DET');
  if (into > 0 && /^(?:NOUN|PROPN)$/.test(s.typed[into + 2] ?? '') && !isPersonNoun(tokens[into + 2])) return null;
  const found = words(tokens, hit.index, hit.length);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" stands for knowledge the item does not state: which practice, which lesson?`,
    hint: 'Write down the practice and where it lands, e.g. "Share best practices for migrations" → "Add a CI check that rejects migrations that lock a table for more than 5 s, and link it from the migration guide".',
  };
}

/** Objects that promise something will be done without saying what: "implement measures". */
const UNNAMED_MEASURES = stemSet([
  'measure',
  'step',
  'action',
  'safeguard',
  'mechanism',
  'solution',
  'precaution',
  'control',
]);
/** Purposes that only ward off the failure: the measures taken for them stay unnamed. */
const WARDS_OFF = stemSet([
  'prevent',
  'avoid',
  'ensure',
  'mitigate',
  'reduce',
  'minimise',
  'minimize',
  'stop',
  'address',
  'improve',
  'protect',
  'try',
  'make',
  'limit',
  'help',
]);
const PUTS = stemSet([
  'decide',
  'agree',
  'implement',
  'take',
  'took',
  'taken',
  'put',
  'apply',
  'introduce',
  'add',
  'adopt',
  'develop',
  'establish',
  'deploy',
  'find',
]);

/**
 * "The team will implement measures to prevent similar incidents", "Take steps to avoid
 * this": the object is a placeholder and the rest is only a purpose. "Add safeguards to
 * the deploy script" names where they go, and passes.
 */
function unnamedMeasures(s: Reading): Problem | null {
  const { tokens } = s;
  const passive = unnamedMeasuresAsSubject(s);
  if (passive) return passive;
  // The action or one coordinated with it: "…investigate the cause and implement measures to…".
  const verb = tokens.findIndex(
    (t, i) =>
      i >= s.verb &&
      s.verb >= 0 &&
      PUTS.has(t.stem) &&
      s.region[i] === 'main' &&
      (i === s.verb || (s.typed[i] === 'VERB' && tokens[i - 1]?.lower === 'and')),
  );
  if (verb < 0) return null;
  let h = verb + 1;
  // "decide on measures", "agree upon steps".
  if (/^(?:on|upon)$/.test(tokens[h]?.lower ?? '')) h++;
  while (h < tokens.length && h <= verb + 3 && /^(?:DET|ADJ|NUM|ADV)$/.test(s.typed[h])) h++;
  if (!UNNAMED_MEASURES.has(tokens[h]?.stem ?? '')) return null;
  // "Take steps to enforce a hard limit on…": the steps are the action after "to"; only a
  // purpose that wards off ("to prevent…", "to try and mitigate…") leaves them unnamed.
  let to = h + 1;
  if (tokens[to]?.lower === 'in' && tokens[to + 1]?.lower === 'place') to += 2;
  if (tokens[to]?.lower === 'to' && s.typed[to + 1] === 'VERB' && !WARDS_OFF.has(tokens[to + 1].stem)) return null;
  // Anything after the placeholder in the main clause that names a thing makes it concrete.
  if (namesAThingAfter(s, h) || hasMeasure(s.text)) return null;
  const found = words(tokens, verb, h - verb + 1);
  return {
    severity: 'warning',
    words: found,
    firm: true,
    message: `"${found}" does not say which ${tokens[h].text}: nobody can tell when this is done.`,
    hint: 'Name the measure and where it goes, e.g. "Implement measures to prevent a repeat" → "Make the relayer retry a failed price update 3 times and page the on-call after the third failure".',
  };
}

/** A word after `from` in the main clause names a thing ("…to the deploy script"; "in place" names none). */
function namesAThingAfter(s: Reading, from: number): boolean {
  return s.tokens.some(
    (t, i) =>
      i > from &&
      s.region[i] === 'main' &&
      ((/^(?:NOUN|PROPN)$/.test(s.typed[i]) && !GENERIC_WORDS.has(t.stem) && t.lower !== 'place') || isSpecificName(t)),
  );
}

/**
 * "Mitigation measures have been applied to reduce…", "Additional safeguards will be put in
 * place": the placeholder is the subject of a passive, and the rest is only a purpose.
 */
function unnamedMeasuresAsSubject(s: Reading): Problem | null {
  const { tokens } = s;
  if (s.verb < 2 || !PUTS.has(tokens[s.verb].stem) || s.typed[s.verb - 1] !== 'AUX') return null;
  if (!/^(?:been|be|being|are|is|were|was)$/.test(tokens[s.verb - 1].lower)) return null;
  let h = s.verb - 1;
  while (h > 0 && s.typed[h] === 'AUX') h--;
  if (!UNNAMED_MEASURES.has(tokens[h]?.stem ?? '') || s.region[h] !== 'main') return null;
  // Everything in front of the placeholder only describes it: "Mitigation measures", "Several new steps".
  if (tokens.slice(0, h).some((t) => isSpecificName(t) || hasMeasure(t.text))) return null;
  if (namesAThingAfter(s, s.verb) || hasMeasure(s.text)) return null;
  const found = words(tokens, h, s.verb - h + 1);
  return {
    severity: 'warning',
    words: found,
    firm: true,
    message: `"${found}" does not say which ${tokens[h].text}: nobody can tell when this is done.`,
    hint: 'Name the measure and where it goes, e.g. "Measures have been applied to prevent a repeat" → "The relayer now retries a failed price update 3 times and pages the on-call after the third failure".',
  };
}

function vaguePhrase(s: Reading): Problem | null {
  // "some form of smoke tests" is "a smoke test": a kind, not an open scope.
  const kind = (i: number) =>
    s.tokens[i].lower === 'some' && /^(?:form|kind|sort|type)$/.test(s.tokens[i + 1]?.lower ?? '');
  const tokens = s.tokens.map((t, i) => (kind(i) ? { ...t, stem: 'a' } : t));
  // Only the main clause sets the scope: "…if commands in general fail" or "…to tell us when things break" do not.
  const hit = findAnyPhrase(tokens, VAGUE_PHRASES);
  if (!hit || (s.region[hit.index] !== 'main' && !/^(?:if|when|where|as)$/.test(tokens[hit.index].lower))) return null;
  // "(including for things that do not change)" is an aside; "TBD - decide …" a status in front of the item.
  const at = tokens[hit.index];
  const status = hit.index === 0 && /^\s*[-–—:]/u.test(s.text.slice(at.end));
  if (insideBrackets(s.text, at.start) || status) return null;
  // In a long, specific item "various" or "in general" is an aside, not the scope.
  if (tokens.length >= LONG_ITEM_WORDS && !STRONG_VAGUE.has(tokens[hit.index].lower) && tokens.some(isSpecificName))
    return null;
  const found = words(tokens, hit.index, hit.length);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" leaves the scope open: nobody can tell when this is done.`,
    hint: 'List exactly what is in scope, e.g. "Optimize slow queries etc." → "Add an index on orders(customer_id) so the order history query runs under 100 ms".',
  };
}

/** Verbs that catch or stop a failure: what they act on must be named, not pointed at. */
const CATCHES = stemSet([
  'prevent',
  'avoid',
  'stop',
  'catch',
  'detect',
  'spot',
  'flag',
  'warn',
  'alert',
  'notice',
  'find',
  'handle',
  'reoccur',
  'recur',
  'happen',
  'occur',
  'repeat',
]);
const POINTERS = new Set(['such', 'similar', 'this', 'these', 'that', 'those', 'same']);

/**
 * "Prevent such outages", "Teach the linter to catch bugs like this one", "Make sure
 * this kind of problem cannot recur": the failure to catch is only pointed at, so the item
 * does not say what signal or condition the change looks for. "Alert when the queue is
 * older than 10 minutes" names it.
 */
function backReference(s: Reading): Problem | null {
  const { tokens } = s;
  if (measured(s.text)) return null;
  for (let i = 0; i < tokens.length; i++) {
    if (
      !PROBLEMS.has(tokens[i].stem) &&
      !/^(?:attack|failure|incident|outage|regression|thing)s?$/.test(tokens[i].lower)
    )
      continue;
    // "such outages", "similar failures", "this kind of problem", "bugs like this one", "the same issue".
    const before = tokens.slice(Math.max(0, i - 3), i).map((t) => t.lower);
    const pointed =
      (POINTERS.has(before[before.length - 1] ?? '') && before[before.length - 1] !== 'this') ||
      (before.includes('kind') && before.some((w) => POINTERS.has(w))) ||
      (tokens[i + 1]?.lower === 'like' && /^(?:this|that|these|those)$/.test(tokens[i + 2]?.lower ?? ''));
    // "…the same issue: reject deploys whose tag is latest" says what it is after the colon.
    if (!pointed || s.text.slice(tokens[i].end).includes(':')) continue;
    // "…by validating the zone file before publishing it", "…with a canary": the mechanism is named.
    const how = tokens.some((t, k) => t.lower === 'by' && /ing$/.test(tokens[k + 1]?.lower ?? ''));
    if (how || findAnyPhrase(tokens, TARGET_PHRASES)) continue;
    // It is what the action catches: a catching verb in the same clause, before it or right after it.
    const near = tokens.findIndex(
      (t, k) => t.clause === tokens[i].clause && Math.abs(k - i) <= 6 && CATCHES.has(t.stem),
    );
    if (near < 0) continue;
    const found = tokens[i + 1]?.lower === 'like' ? words(tokens, i, 3) : words(tokens, i - 1, 2);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" points back at the incident instead of naming what the change looks for.`,
      hint: 'Name the signal or the condition, e.g. "Prevent such outages" → "Reject a deploy when a migration drops a column that the running version still reads".',
    };
  }
  return null;
}

/** Manners nobody can check on the action itself: "closely watched", "working tirelessly on". */
const EFFORT_MANNERS = new Set([
  'carefully',
  'closely',
  'diligently',
  'thoroughly',
  'rigorously',
  'aggressively',
  'proactively',
  'vigilantly',
  'continuously',
]);

/**
 * "Permission changes should be closely watched", "We will review deploys
 * thoroughly": the manner is the whole promise, and nobody can check it. "Drain nodes
 * gracefully before the autoscaler removes them" says when, and passes.
 */
function uncheckableManner(s: Reading): Problem | null {
  const { tokens } = s;
  if (measured(s.text)) return null;
  for (let i = 0; i < tokens.length; i++) {
    const manner = EFFORT_MANNERS.has(tokens[i].lower) || VAGUE_MANNERS.has(tokens[i].lower);
    if (s.region[i] !== 'main' || !manner || s.typed[i] !== 'ADV') continue;
    // Next to the action: "closely watched", "watch closely", "review thoroughly".
    const v = [i - 1, i + 1].find(
      (k) => k >= 0 && (s.typed[k] === 'VERB' || s.command[k] === 'VERB') && tokens[k].clause === tokens[i].clause,
    );
    if (v === undefined) continue;
    // A thing after it in the main clause says what or how ("continuously tested with fault injection",
    // "reliably detect a checksum mismatch"), and a condition or a time says when: both can be checked.
    // "…closely monitored by the team" names only who.
    const rest = tokens.slice(Math.max(i, v) + 1).filter((t) => t.clause === tokens[i].clause);
    if (rest.some((t) => /^(?:before|after|when|until|once|whenever|during)$/.test(t.lower))) continue;
    const named = tokens.some(
      (_, k) => k > Math.max(i, v) && s.region[k] === 'main' && /^(?:NOUN|PROPN)$/.test(s.typed[k]) && isConcrete(s, k),
    );
    if (named) continue;
    const found = words(tokens, Math.min(i, v), 2);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}": the manner is the whole promise, and nobody can check it.`,
      hint: 'Name the check that makes it so, e.g. "Permission changes should be closely watched" → "Alert the on-call when a role gains admin rights outside a change ticket".',
    };
  }
  return null;
}

const PRIORITY_WORDS = stemSet(['priority', 'prioritise', 'prioritize', 'prioritised', 'prioritized', 'focus']);
/**
 * "Data retention should be our top priority", "Flaky tests must be given a higher
 * priority": ranking a topic says what matters, not what will change. With a thing
 * named ("Moving sessions off `redis-old` should be the first priority") it names the
 * work, and passes.
 */
function priorityStatement(s: Reading): Problem | null {
  const { tokens } = s;
  const p = tokens.findIndex(
    (t, i) =>
      i > 1 &&
      s.region[i] === 'main' &&
      PRIORITY_WORDS.has(t.stem) &&
      tokens.slice(Math.max(0, i - 4), i).some((w) => /^(?:be|been|is|are|become|given)$/.test(w.lower)),
  );
  if (p < 0) return null;
  // A thing named in the subject makes it the work itself: a name, a code-like word, or two things.
  const subject = tokens.slice(0, p);
  // Nouns made from verbs ("retention", "management") name a kind of work, not a thing.
  const things = subject.filter(
    (t, i) => /^(?:NOUN|PROPN)$/.test(s.command[i]) && !isAbstractNoun(t) && !/(?:tion|sion|ment|ing)s?$/.test(t.lower),
  );
  if (subject.some((t) => isSpecificName(t) || !knownWord(t.lower)) || things.length > 1) return null;
  const found = words(tokens, p - 1, 2);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" ranks a topic; it does not say what will change.`,
    hint: 'Name the first change of that priority, e.g. "Data retention should be our top priority" → "Delete raw request logs after 30 days with a lifecycle rule on the log bucket".',
  };
}

/** Verbs whose passive asks people to judge: "should be weighed against…", "should be treated as…". */
const JUDGEMENTS = new Set([
  'weighed',
  'treated',
  'considered',
  'regarded',
  'viewed',
  'balanced',
  'judged',
  'seen',
  'approached',
]);

/**
 * "The benefit of a hotfix should be weighed against its risk", "Changes to the client
 * should be treated as changes to the service": a rule for how people think about the work,
 * with no gate or step anyone can check, whatever system it names.
 */
function judgedInTheHead(s: Reading): Problem | null {
  const { tokens } = s;
  if (measured(s.text)) return null;
  const i = tokens.findIndex(
    (t, k) =>
      s.region[k] === 'main' &&
      OBLIGATION.has(t.lower) &&
      [k + 1, k + 2].some(
        (b) =>
          tokens[b]?.lower === 'be' &&
          (b === k + 1 || tokens[k + 1].lower === 'to') &&
          JUDGEMENTS.has(tokens[b + 1]?.lower ?? ''),
      ),
  );
  if (i < 0) return null;
  const be = tokens[i + 1].lower === 'be' ? i + 1 : i + 2;
  const found = words(tokens, i, be - i + 2);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" asks people to judge; it does not name a step or a gate anyone can check.`,
    hint: 'Turn the judgement into a step, e.g. "Speed should be weighed against risk" → "Require a second approver and a rollback plan in the change ticket for every hotfix to production".',
  };
}

/**
 * "Work out what we could change to…", "Try if we can shorten…", "Decide whether exports
 * could be faster": the object is an open question, so the item ends when someone has
 * wondered. "Document which jobs fail on restart" delivers a document, and passes.
 */
function openQuestionObject(s: Reading): Problem | null {
  const { tokens, verb } = s;
  if (verb < 0) return null;
  for (let i = verb + 1; i < Math.min(tokens.length - 2, verb + 6); i++) {
    if (s.region[i] === 'purpose' || !/^(?:what|how|whether|if)$/.test(tokens[i].lower)) continue;
    // A subject and a modal: "what we could change", "if we can shorten", "whether exports could be".
    const modal = tokens.findIndex((t, k) => k > i && k <= i + 4 && /^(?:can|could|might|should|may)$/.test(t.lower));
    if (modal < 0) continue;
    const acting = tokens.slice(verb, i).find((t, k) => DELIVERABLES.has(t.stem) && s.typed[verb + k] === 'VERB');
    const answered = tokens.some(
      (t, k) => k > modal && s.region[k] === 'main' && t.lower === 'and' && DELIVERABLES.has(tokens[k + 1]?.stem ?? ''),
    );
    if (acting || answered) return null;
    const found = words(tokens, i, modal - i + 1);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}…" leaves an open question as the object: what will be decided or delivered?`,
      hint: 'Name the answer the work ends in, e.g. "Work out what we could change in exports" → "Stream exports in 10 000-row pages so one request never holds a worker for more than 30 s".',
    };
  }
  return null;
}

/** Superlatives that pick one thing by its date rather than grade it: "the latest version". */
const SELECTORS = new Set(['latest', 'newest', 'oldest', 'earliest', 'last', 'first', 'best']);

/**
 * "Ship the smallest possible changes", "Profile the slowest queries", "Cut permissions
 * to the bare minimum": a superlative grades without a scale, so nobody can check it. With
 * a number ("the 5 busiest endpoints", "at most 3 retries") it is a target.
 */
function superlative(s: Reading): Problem | null {
  const { tokens } = s;
  if (measured(s.text)) return null;
  for (let i = 0; i < tokens.length; i++) {
    if (s.region[i] !== 'main') continue;
    const t = tokens[i];
    const next = tokens[i + 1];
    const graded =
      // "smallest", "safest", "busiest": an adjective in -est whose base is an adjective.
      (/^(?:ADJ|ADV)$/.test(s.typed[i]) &&
        /[a-z]{2,}est$/.test(t.lower) &&
        !SELECTORS.has(t.lower) &&
        [
          t.lower.replace(/iest$/, 'y'),
          t.lower.replace(/([b-df-hj-np-tv-z])\1est$/, '$1'),
          t.lower.replace(/e?st$/, ''),
          t.lower.replace(/st$/, ''),
        ].some((b) => wordTag(b) === 'ADJ')) ||
      // "the most expensive queries", "the minimum of steps", "the bare minimum".
      (/^(?:most|least)$/.test(t.lower) &&
        tokens[i - 1]?.lower === 'the' &&
        !/^(?:of|recent)$/.test(next?.lower ?? '')) ||
      (/^(?:minimum|maximum)$/.test(t.lower) &&
        /^(?:the|bare)$/.test(tokens[i - 1]?.lower ?? '') &&
        (s.typed[i] === 'NOUN' || next?.lower === 'of'));
    // "the fastest mirror", "the nearest region" pick one thing, which can be checked; "the smallest
    // changes", "the slowest queries" grade an open set.
    const headAfter = (from: number): number => {
      let k = from;
      while (k < tokens.length - 1 && /^(?:ADJ|NOUN|PROPN|ADV)$/.test(s.typed[k + 1])) k++;
      return k;
    };
    let h = headAfter(i + 1);
    if (tokens[i + 1]?.lower === 'of') h = headAfter(i + 2);
    const plural = /[^s]s$/.test(tokens[h]?.lower ?? '');
    // "as small as possible": the same grade, spelled out.
    const possible =
      t.lower === 'as' &&
      s.typed[i + 1] === 'ADJ' &&
      tokens[i + 2]?.lower === 'as' &&
      tokens[i + 3]?.lower === 'possible';
    if (!(graded && plural) && !possible) continue;
    const found = possible
      ? words(tokens, i, 4)
      : /^(?:most|least)$/.test(t.lower) && next
        ? words(tokens, i, 2)
        : t.text;
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" grades without a scale: say which ones, or the limit.`,
      hint: 'Replace the superlative with the list or the number, e.g. "Profile the slowest queries" → "Profile the 5 queries with the highest p99 on the orders database and file a ticket for each over 200 ms".',
    };
  }
  return null;
}

/** Verbs that carry an inquiry named by their object: "conduct a review", "do an analysis". */
const LIGHT_VERBS = stemSet(['conduct', 'perform', 'do', 'run', 'carry', 'hold', 'start', 'kick']);
const INQUIRIES = stemSet(['review', 'investigation', 'analysis', 'assessment', 'evaluation', 'exploration', 'study']);
/** Verbs of meeting: held for an inquiry ("meet … to discuss"), the meeting is the inquiry. */
const MEETINGS = stemSet(['meet', 'debrief', 'sync', 'convene']);

const isActionAt = (s: Sentence, i: number): boolean => s.typed[i] === 'VERB' || s.command[i] === 'VERB';

function exploratoryWithoutDeliverable(s: Reading): Problem | null {
  const { tokens, verb } = s;
  if (verb < 0) return null;
  // "Reassess", "re-review": an inquiry again is still an inquiry.
  const again = /^re[a-z]{4,}$/.test(tokens[verb].lower) && EXPLORATORY_VERBS.has(stem(tokens[verb].lower.slice(2)));
  let length = phraseAt(tokens, verb, EXPLORATORY) || (again ? 1 : 0);
  if (!length && LIGHT_VERBS.has(tokens[verb].stem)) {
    const inquiry = tokens.findIndex((t, i) => i > verb && i <= verb + 4 && INQUIRIES.has(t.stem));
    if (inquiry > 0 && tokens.slice(verb + 1, inquiry).every((_, k) => s.typed[verb + 1 + k] !== 'VERB'))
      length = inquiry - verb + 1;
  }
  // "Meet with the vendor to discuss the outage", "I will be meeting facilities to review the
  // findings": a meeting held for an inquiry is the inquiry.
  if (!length && MEETINGS.has(tokens[verb].stem)) {
    const purpose = tokens.findIndex((t, i) => i > verb && i <= verb + 8 && isInfinitiveTo(s, i));
    if (purpose > 0 && phraseAt(tokens, purpose + 1, EXPLORATORY)) length = 1;
  }
  // The deliverable must be part of the work ("…and publish findings"), not of its purpose ("…to test before
  // applying") nor of the question asked ("research how we can write the tests").
  const asked = WH_WORDS.has(tokens[verb + length]?.lower ?? '') || tokens[verb + length]?.lower === 'whether';
  const answer = asked
    ? tokens.findIndex(
        (t, i) =>
          i > verb + length &&
          t.lower === 'and' &&
          (isActionAt(s, i + 1) || DELIVERABLES.has(tokens[i + 1]?.stem ?? '')),
      )
    : -1;
  const from = asked ? (answer < 0 ? tokens.length : answer) : verb + length;
  if (!length || tokens.some((t, i) => i >= from && s.region[i] === 'main' && DELIVERABLES.has(t.stem))) return null;
  // "Revisit the rotation to make sure everyone on it can page the database team": the state it ends in is the output.
  if (!asked && ensuresAState(s, verb + length)) return null;
  // "Look into the bump to Go 1.24": a version names exactly what is examined.
  if (tokens.some((t) => /^v?\d+\.\d+/.test(t.text))) return null;
  const found = words(tokens, verb, length);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" starts an inquiry but does not say what it will produce.`,
    hint: 'Name the question and the deliverable, e.g. "Look into certificate handling" → "Investigate why the login service cached the old signing key and publish findings with follow-up tickets".',
  };
}

/** What happens to an inquiry named as the subject: "…will take place", "…will be conducted", "…is underway". */
const HAPPENS = stemSet([
  'take',
  'conduct',
  'carry',
  'perform',
  'undertake',
  'underway',
  'ongoing',
  'begin',
  'begun',
  'start',
]);

/**
 * "An in-depth analysis of the network issue will take place", "A full review of our alerting
 * will be conducted": the inquiry is the subject, and nothing says what it will produce.
 */
function inquiryAsSubject(s: Reading): Problem | null {
  const { tokens } = s;
  const inquiry = tokens.findIndex((t, i) => i <= 4 && INQUIRIES.has(t.stem) && tokens[i + 1]?.lower !== 'and');
  if (inquiry < 0 || tokens.slice(0, inquiry).some((_, k) => s.typed[k] === 'VERB' || s.typed[k] === 'PRON'))
    return null;
  const happens = tokens.findIndex(
    (t, i) =>
      i > inquiry &&
      HAPPENS.has(t.stem) &&
      (t.stem !== 'take' || tokens[i + 1]?.lower === 'place') &&
      // "Code review will start requiring two approvers": a start of something else, not of the inquiry.
      !(/ing$/.test(tokens[i + 1]?.lower ?? '') || isInfinitiveTo(s, i + 1)),
  );
  if (happens < 0) return null;
  if (tokens.some((t, i) => i > inquiry && DELIVERABLES.has(t.stem)) || ensuresAState(s, happens)) return null;
  if (tokens.some((t) => /^v?\d+\.\d+/.test(t.text))) return null;
  const found = words(tokens, inquiry, 1);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" starts an inquiry but does not say what it will produce.`,
    hint: 'Name the question and the deliverable, e.g. "A review of the outage will take place" → "Review why the failover took 40 minutes and publish findings with follow-up tickets by 1 June".',
  };
}

/**
 * A purpose that states a checkable state: "…to make sure every replica has the new key",
 * "…to ensure each node runs the agent". A subject and a verb of having or doing after
 * "ensure", with a thing named; "…to ensure reliability" names only a quality.
 */
function ensuresAState(s: Reading, from: number): boolean {
  const { tokens } = s;
  const e = tokens.findIndex(
    (t, i) =>
      i >= from &&
      tokens[i - 1]?.lower === 'to' &&
      (t.lower === 'ensure' || (t.lower === 'make' && tokens[i + 1]?.lower === 'sure')),
  );
  if (e < 0) return false;
  const at = e + (tokens[e].lower === 'make' ? 2 : 1);
  const rest = tokens.slice(at);
  const verb = rest.findIndex((_, k) => k > 0 && (s.typed[at + k] === 'VERB' || /^(?:has|have)$/.test(rest[k].lower)));
  return verb > 0 && rest.some((_, k) => k > verb && /^(?:NOUN|PROPN)$/.test(s.typed[at + k]) && isConcrete(s, at + k));
}

function directionWithoutTarget(s: Reading, draft: ActionItemDraft): Problem | null {
  const { tokens, verb } = s;
  if (hasMeasure(mainText(s)) || hasMeasure(draft.successCriteria) || outcome(s)) return null;
  const main = tokens.filter((_, i) => s.region[i] === 'main');
  // "Harden the importer the same way as the upload path", "Enhance the pipeline with a synthetic check".
  // A mechanism is a thing ("with a synthetic check"); "with the platform team" names only who to talk to.
  // Each target phrase in turn: "with the vendor by adding them to the incident channel" names a mechanism second.
  let after = main.slice(main.indexOf(tokens[verb]) + 1);
  for (let target = findAnyPhrase(after, TARGET_PHRASES); target; target = findAnyPhrase(after, TARGET_PHRASES)) {
    const phrase = after.slice(target.index + target.length);
    const end = phrase.findIndex((t) => !/^(?:NOUN|PROPN|ADJ|DET)$/.test(s.typed[tokens.indexOf(t)]));
    const head = phrase.slice(0, end < 0 ? undefined : end).pop();
    // "…monitoring for issues with the billing exporter": what has the problem, not a mechanism.
    const troubled = PROBLEMS.has(after[target.index - 1]?.stem ?? '');
    if (!troubled && !(head && (isPersonNoun(head) || AUDIENCES.has(head.stem)))) return null;
    after = phrase;
  }
  // "The login rate limit must be tightened", "Latency must be reduced": the direction in the passive.
  const passive = tokens.findIndex(
    (t, i) =>
      i > 0 &&
      s.region[i] === 'main' &&
      /^(?:be|been|being|is|are|get|gets)$/.test(tokens[i - 1].lower) &&
      /(?:ed|en)$/.test(t.lower) &&
      DIRECTIONAL_VERBS.has(t.stem),
  );
  if (passive > 0 && (verb < 0 || !phraseAt(tokens, verb, DIRECTIONAL))) return directionProblem(tokens[passive].text);
  const length = verb < 0 ? 0 : phraseAt(tokens, verb, DIRECTIONAL);
  if (length && watchesANamedSignal(s, verb + length)) return null;
  const aspiration = verb >= 0 && phraseAt(tokens, verb, ASPIRATIONAL) && tokens.find((t) => QUALITIES.has(t.stem));
  const direction = length
    ? words(tokens, verb, length)
    : aspiration
      ? aspiration.text
      : (findComparative(tokens.filter((_, i) => s.region[i] === 'main' && tokens[i].clause === tokens[0].clause)) ??
        comparativeAdjective(s));
  if (!direction || (!length && !aspiration && (placedOrNamed(s, direction) || addedSomewhere(s, direction))))
    return null;
  return directionProblem(direction);
}

/** What watches a system: improving one of these is checkable once the signal it watches is named. */
const WATCHING = stemSet([
  'monitoring',
  'alerting',
  'alert',
  'detection',
  'observability',
  'logging',
  'paging',
  'instrumentation',
]);
/**
 * "Enhance monitoring to detect queue buildup", "Improved alerting for propagation backlog
 * thresholds", "Improve monitoring to identify when the support portal is down": the direction
 * is on a watch, and the signal it will catch is named, so anyone can check it fires. "Improve
 * monitoring" or "…for issues with X" names no signal: a problem word first is no signal.
 */
function watchesANamedSignal(s: Reading, from: number): boolean {
  const { tokens } = s;
  // The watch must head its phrase: "the alert routing setup" is a setup.
  const heads = (i: number) =>
    !tokens[i + 1] || /^(?:ADP|PART|CCONJ|PUNCT)$/.test(s.typed[i + 1]) || WATCHING.has(tokens[i + 1].stem);
  const watch = tokens.findIndex((t, i) => i >= from && i <= from + 3 && WATCHING.has(t.stem) && heads(i));
  if (watch < 0) return false;
  for (let k = watch + 1; k < tokens.length; k++) {
    if (!/^(?:NOUN|PROPN)$/.test(s.typed[k]) && !/^(?:NOUN|PROPN)$/.test(s.command[k])) continue;
    // "…to detect 500 errors", "…on 5xx errors", "…on OOM kills": a problem with a code or a name is a signal.
    if (PROBLEMS.has(tokens[k].stem))
      return k > watch + 1 && (/^(?:[1-5]\d\d|[1-5]xx)$/i.test(tokens[k - 1].text) || isSpecificName(tokens[k - 1]));
    // "…for changes in impression bus traffic": a kind of work or a placeholder is passed over.
    if (!WATCHING.has(tokens[k].stem) && !GENERIC_WORDS.has(tokens[k].stem) && isConcrete(s, k)) return true;
  }
  return false;
}

const DIRECTIONAL_VERBS = new Set(DIRECTIONAL.filter((p) => p.length === 1).map((p) => p[0]));
function directionProblem(direction: string): Problem {
  return {
    severity: 'warning',
    words: direction,
    message: `"${direction}" gives a direction without a target: by how much, measured where?`,
    hint: 'Add the metric and the target, e.g. "Improve database performance" → "Reduce p99 of the order history query from 800 ms to 100 ms".',
  };
}

/** Who is talked to: "with the community" names no mechanism, like "with the platform team". */
const AUDIENCES = stemSet(['community', 'customer', 'user', 'stakeholder', 'partner', 'vendor']);
const ADDS = stemSet(['add', 'write', 'include', 'emit', 'log', 'record', 'run']);
/**
 * "Add more logs to chain start and upgrade steps": "more" right after a verb that adds is
 * "additional", and the place it goes is named. "Add more monitoring" names no place.
 */
function addedSomewhere(s: Reading, direction: string): boolean {
  const i = s.tokens.findIndex((t) => direction.startsWith(`${t.text} `) && /^(?:more|fewer)$/.test(t.lower));
  if (i < 1 || i - 1 !== s.verb || !ADDS.has(s.tokens[s.verb].stem)) return false;
  // The tagger may read "to chain start" as an infinitive, so the place is found by its preposition.
  const at = s.tokens.findIndex((t, k) => k > i + 1 && /^(?:to|in|on|into|at)$/.test(t.lower));
  const place = s.tokens.slice(at + 1).filter((t) => !FUNCTION_WORDS.has(t.lower));
  return at > 0 && place.some((t) => !GENERIC_WORDS.has(t.stem));
}

/**
 * A comparative that is not a direction: a placement ("earlier in the pipeline", "later than
 * the migration") or part of a name written as one word ("safer-runner-action", `fast_path`).
 */
const PLACING = new Set(['in', 'at', 'into', 'before', 'after', 'than', 'during']);
function placedOrNamed(s: Reading, word: string): boolean {
  const i = s.tokens.findIndex((t) => t.text === word);
  if (i < 0) return false;
  const t = s.tokens[i];
  const joined = /[-_`]/.test(s.text[t.end] ?? '') || /[-_`]/.test(s.text[t.start - 1] ?? '');
  const placed =
    s.typed[i] === 'ADV' && PLACING.has(s.tokens[i + 1]?.lower ?? '') && s.tokens[i + 1].clause === t.clause;
  return joined || placed;
}

/**
 * A target that is not a number: "to 60Gi" (a quantity the measure pattern does not
 * know) or an outcome anyone can check ("…so that the whole team is paged").
 */
function outcome(s: Reading): boolean {
  const { tokens } = s;
  const quantity = tokens.some(
    (t, i) => s.region[i] === 'main' && /^(?:to|by|from)$/.test(t.lower) && /^\d/.test(tokens[i + 1]?.text ?? ''),
  );
  if (quantity) return true;
  // "…so that the secondary is paged", and "…so we page the database on-call sooner": an
  // action as the result. "…so we can understand outages" only hopes to learn.
  const so = tokens.findIndex(
    (t, i) =>
      t.lower === 'so' &&
      i > s.verb &&
      (tokens[i + 1]?.lower === 'that' ||
        (/^(?:we|they)$/.test(tokens[i + 1]?.lower ?? '') &&
          tokens.slice(i + 2, i + 5).some((w, k) => s.typed[i + 2 + k] === 'VERB' && !COGNITION.has(w.stem)) &&
          !/^(?:can|could|will|would|might|may)$/.test(tokens[i + 2]?.lower ?? ''))),
  );
  if (so < 0) return false;
  // An action on a thing is a mechanism even when it compares: "…so we page the on-call sooner".
  if (tokens[so + 1].lower !== 'that')
    return tokens.some((_, k) => k > so + 2 && s.typed[k] === 'NOUN' && isConcrete(s, k));
  const result = tokens.slice(so + 2);
  return result.length >= 3 && !findVagueOutcome(result) && !findComparative(result);
}

/**
 * A comparative the word lists do not know, read from its form: an adjective or adverb in
 * -er whose base is itself an adjective ("longer", "leaner"), or "more"/"less" before an
 * adverb of manner ("more gracefully") — unless a baseline follows ("longer than 30 s").
 */
function comparativeAdjective(s: Reading): string | null {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    // A baseline ("longer than 30 s") or a negation ("no longer requires a restart") is not a direction.
    if (s.region[i] !== 'main' || tokens[i + 1]?.lower === 'than' || /^(?:no|any)$/.test(tokens[i - 1]?.lower ?? ''))
      continue;
    const t = tokens[i];
    // In front of the verb it qualifies work the verb names: "more clearly define in the run sheet when…".
    const beforeVerb = s.typed[i + 2] === 'VERB' || s.command[i + 2] === 'VERB';
    if (
      /^(?:more|less)$/.test(t.lower) &&
      s.typed[i + 1] === 'ADV' &&
      /ly$/.test(tokens[i + 1].lower) &&
      !beforeVerb &&
      !mannerOfADefiniteAction(s, i)
    )
      return `${t.text} ${tokens[i + 1].text}`;
    // In an object only predicative ("make the probe stricter"): "add deeper investigation paths" names the thing
    // to add. A label has no action, so there the comparative is the direction ("Clearer communication…")
    // unless the label names the thing ("Stricter review rules for the Terraform repo").
    if (
      (/^(?:ADJ|ADV)$/.test(s.typed[i]) || s.command[i] === 'ADJ') &&
      /[a-z]{2,}(?:er|ier)$/.test(t.lower) &&
      (!/^(?:NOUN|PROPN)$/.test(s.typed[i + 1] ?? '') || (s.verb < 0 && !tokens.some(isSpecificName)))
    ) {
      const base = t.lower
        .replace(/ier$/, 'y')
        .replace(/([b-df-hj-np-tv-z])\1er$/, '$1')
        .replace(/e?r$/, '');
      const alt = t.lower.replace(/r$/, '');
      if (wordTag(base) === 'ADJ' || wordTag(alt) === 'ADJ') return t.text;
    }
  }
  return null;
}

/** Verbs that say only that something is dealt with, so a manner after them is the whole promise. */
const HANDLING = stemSet([
  'handle',
  'manage',
  'deal',
  'treat',
  'communicate',
  'respond',
  'react',
  'behave',
  'work',
  'operate',
]);
/**
 * "Name staging buckets more clearly": a manner after a definite action on a named thing
 * qualifies work that is already checkable (the buckets get new names). "Handle webhook
 * timeouts more gracefully" promises only the manner, so it stays a direction.
 */
function mannerOfADefiniteAction(s: Reading, comparative: number): boolean {
  const { tokens, verb } = s;
  if (verb < 0 || verb >= comparative || HANDLING.has(tokens[verb].stem) || DIRECTIONAL_STEMS.has(tokens[verb].stem))
    return false;
  for (let k = verb + 1; k < comparative; k++) if (s.region[k] === 'main' && isConcrete(s, k)) return true;
  return false;
}

function genericObject(s: Reading): Problem | null {
  const { tokens, verb } = s;
  // Everything but the action names what changes, a subject included ("the culler should skip…").
  const span = tokens.filter(
    (t, i) => i !== verb && (i > verb || s.typed[i] !== 'AUX') && !FUNCTION_WORDS.has(t.lower),
  );
  // Only nouns, names and verbs can name a system: "proactive alerts" is still just alerts, and "so this does
  // not happen again" names nothing. An adjective qualifies a noun that follows it; at the end of its phrase
  // it is a noun the tagger misread ("an internal retrospective about…").
  const attributive = (i: number) => /^(?:NOUN|PROPN|ADJ)$/.test(s.typed[i + 1] ?? '');
  const qualifies = (i: number) =>
    s.typed[i] === 'ADJ' || s.command[i] === 'ADJ' ? attributive(i) : !/^(?:NOUN|PROPN|VERB|X|SYM)$/.test(s.typed[i]);
  const content = span.filter((t) => !qualifies(tokens.indexOf(t)) || isSpecificName(t));
  const object = content.length ? content : span;
  if (object.some((t) => !GENERIC_WORDS.has(t.stem) || isSpecificName(t))) return null;
  const found = object.map((t) => t.text).join(' ') || tokens[verb]?.text || '';
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" does not name the system or process that will change.`,
    hint: 'Name the system and the signal, e.g. "Add monitoring" → "Alert when the notification queue age exceeds 10 minutes for 5 minutes".',
  };
}

/**
 * Nouns that name a kind of work, a quality or a state rather than a thing, read from their
 * form: "robustness", "capability", "enforcement", "ownership". Software names many things
 * with the same endings ("deployment", "environment"), so those stay things.
 */
const ABSTRACT_FORM = /[a-z]{3}(?:ness|ity|ities|ment|ments|ism|ship)$/;
const THING_FORMS = stemSet([
  'deployment',
  'environment',
  'attachment',
  'department',
  'entity',
  'identity',
  'city',
  'utility',
]);
/** Nouns of time and scope that place work without naming anything: "over the next months", "at some point". */
const PLACEHOLDERS = stemSet([
  'future',
  'time',
  'week',
  'month',
  'day',
  'year',
  'way',
  'lot',
  'kind',
  'sort',
  'type',
  'part',
  'point',
  'term',
  'side',
  'case',
  'area',
  'aspect',
  'level',
  'step',
  'stage',
  'effort',
  'work',
  'job',
  'team',
  'teams',
  'people',
  'everyone',
  'someone',
  'folks',
  'priority',
  'maintenance',
  'awareness',
  'detection',
  'prevention',
  'protection',
  'validation',
  'verification',
  'analysis',
  'review',
  'audit',
  'practice',
  'protocol',
  'policy',
  'plan',
  'measure',
  'management',
  'change',
  'update',
  'improvement',
  'fix',
  'patch',
  'test',
  'QA',
  'configuration',
  'config',
  'place',
  'service',
  'assurance',
  'governance',
  'compliance',
  'guidance',
  'oversight',
  'diligence',
  'implementation',
  'introduction',
  'creation',
  'establishment',
  'adoption',
  'definition',
]);
const isAbstractNoun = (t: Token): boolean =>
  GENERIC_WORDS.has(t.stem) ||
  QUALITIES.has(t.stem) ||
  ABSTRACT_OBJECTS.has(t.stem) ||
  UPKEEP.has(t.stem) ||
  PROBLEMS.has(t.stem) ||
  UNNAMED_MEASURES.has(t.stem) ||
  MEANS.has(t.stem) ||
  PLACEHOLDERS.has(t.stem) ||
  (ABSTRACT_FORM.test(t.lower) && !THING_FORMS.has(t.stem));

/** Everyday clippings the model does not know, which name no particular thing: "config", "infra". */
const CLIPPINGS = new Set([
  'config',
  'configs',
  'infra',
  'repo',
  'repos',
  'prod',
  'env',
  'envs',
  'ops',
  'devops',
  'admin',
  'admins',
  'sysadmin',
  'sysadmins',
  'observability',
  'tooling',
  'postmortem',
  'postmortems',
  'runbook',
  'runbooks',
  'backend',
  'frontend',
  'dev',
  'devs',
]);

/** In the model's lexicon, as typed or in the singular ("regressions"), or an everyday clipping. */
const knownWord = (w: string): boolean =>
  CLIPPINGS.has(w) ||
  isKnownWord(w) ||
  (/[^s]s$/.test(w) && isKnownWord(w.replace(/(?:es|s)$/, ''))) ||
  (/es$/.test(w) && isKnownWord(w.slice(0, -1)));

/** A measure, but not the pronoun "one" ("bugs like this one", "the same one"). */
const measured = (text: string): boolean =>
  hasMeasure(text.replace(/\b(?:this|that|the|same|which|any|every|no)\s+one\b/gi, ''));

/**
 * A word that points at something one can find: a name, a number, a code-like token, a
 * word the language model does not know (a tool, a host, jargon: "pgbouncer", "anycast"),
 * or a common noun that names a thing ("the servers", "app stores", "the template").
 */
function isConcrete(s: Sentence, i: number): boolean {
  const t = s.tokens[i];
  if (/\d/.test(t.text) || isSpecificName(t) || !knownWord(t.lower)) return true;
  const noun = (p: string) => p === 'NOUN' || p === 'PROPN';
  // "to queue start": a noun the tagger read as a verb after "to" is still a noun on its own.
  const misread = i !== s.verb && s.typed[i] === 'VERB' && !/(?:ing|ed)$/.test(t.lower) && wordTag(t.lower) === 'NOUN';
  // A capital at the start of a title is no name: "Regular reviews…" is an adjective read as a command.
  // But in a label (no action read) a capital the command reading took for a verb is a name used as a
  // modifier: "Vault audit log shipping" is about Vault.
  const label = s.verb < 0 && s.command[i] === 'VERB' && /^(?:NOUN|PROPN)$/.test(s.typed[i + 1] ?? '');
  const typed = t.clauseStart && s.typed[i] === 'PROPN' ? (label ? 'PROPN' : s.command[i]) : s.typed[i];
  const isNoun = noun(typed) || (typed !== 'VERB' && noun(s.command[i])) || misread;
  if (!isNoun || isAbstractNoun(t)) return false;
  // In a compound the last noun is the head: "the deployment process" is a process, "the
  // incident response plan" a plan. A common noun in front of an abstract head names no thing.
  let h = i;
  while (h + 1 < s.tokens.length && s.tokens[h + 1].clause === t.clause && noun(s.typed[h + 1])) h++;
  // "the index publishing process": the noun in front of a gerund is what that work acts on, a thing.
  const worked = h > i && /ing$/.test(s.tokens[i + 1].lower) && noun(s.typed[i + 1]);
  return (
    h === i || worked || !isKindOfWork(s.tokens[h]) || isSpecificName(s.tokens[h]) || !knownWord(s.tokens[h].lower)
  );
}

/** Heads that name a way of working or a quality, so a noun in front of them only says which. */
const WAYS_OF_WORKING = stemSet(['practice', 'protocol', 'review', 'improvement', 'planning', 'management']);
const isKindOfWork = (t: Token): boolean =>
  ABSTRACT_OBJECTS.has(t.stem) ||
  QUALITIES.has(t.stem) ||
  UPKEEP.has(t.stem) ||
  WAYS_OF_WORKING.has(t.stem) ||
  (ABSTRACT_FORM.test(t.lower) && !THING_FORMS.has(t.stem));

/**
 * "The team will stop such failures going forward", "Introduction of automated quality
 * assurance", "Introduce more robust procedures": every noun is a kind of work, a
 * quality, a problem or a placeholder, and no word names a thing anyone could find. The
 * subject of an active verb ("the team", "we") does not count: it says who, not what.
 */
function namesNoThing(s: Reading): Problem | null {
  const { tokens, verb } = s;
  if (verb >= 0 && s.field === 'title' && tokens.length < MIN_TITLE_WORDS) return null;
  // Who acts ("The team will…", "We are…") says nothing about what; a subject that is a thing
  // ("Incident template created…", "Extra logging was introduced…") is what changed.
  let head = verb - 1;
  while (head > 0 && /^(?:AUX|ADV|PART)$/.test(s.typed[head])) head--;
  const actor = verb > 0 && head >= 0 && (isPersonNoun(tokens[head]) || s.typed[head] === 'PRON');
  const from = actor ? verb + 1 : 0;
  const span = tokens.map((_, i) => i).filter((i) => i >= from && i !== verb && !FUNCTION_WORDS.has(tokens[i].lower));
  if (!span.length || measured(s.text) || span.some((i) => isConcrete(s, i))) return null;
  const nouns = span.filter((i) => /^(?:NOUN|PROPN)$/.test(s.typed[i]) || /^(?:NOUN|PROPN)$/.test(s.command[i]));
  if (!nouns.length) return null;
  const found = nouns.map((i) => tokens[i].text).join(', ');
  return {
    severity: 'warning',
    words: tokens[nouns[0]].text,
    message: `${quote(s.text)} names only kinds of work or qualities (${found}), not a system, a file or a signal.`,
    hint: 'Name the thing that changes and how, e.g. "Introduce automated quality assurance" → "Run `terraform validate` and the policy checks on every pull request to the infra repo".',
  };
}

/**
 * Modifiers that ask for an amount or a grade nobody set: "additional", "comprehensive",
 * "sufficient", "improved". With a number ("additional 2 replicas") they are a target.
 */
const OPEN_DEGREE = stemSet([
  'additional',
  'extra',
  'further',
  'more',
  'comprehensive',
  'thorough',
  'sufficient',
  'satisfactory',
  'adequate',
  'proper',
  'full',
  'complete',
  'better',
  'improved',
  'enhanced',
  'increased',
  'greater',
  'stronger',
  'robust',
  'formal',
  'rigorous',
  'appropriate',
]);

/**
 * "Provide sufficient test coverage", "Extra logging was introduced", "Improved release
 * procedures": an open amount or grade of a kind of work, so nobody can tell when there is
 * enough. It passes when the rest of the main clause names a thing ("…to the read pool of
 * the orders database", "…on staging") or has a number.
 */
function openDegree(s: Reading): Problem | null {
  const { tokens } = s;
  if (measured(s.text)) return null;
  for (let i = 0; i < tokens.length; i++) {
    // A comparative read from its form counts too: "clearer ownership", "tighter controls".
    const comparative =
      s.typed[i] === 'ADJ' &&
      /[a-z]{2,}(?:er|ier)$/.test(tokens[i].lower) &&
      [
        tokens[i].lower.replace(/ier$/, 'y'),
        tokens[i].lower.replace(/e?r$/, ''),
        tokens[i].lower.replace(/r$/, ''),
      ].some((b) => b !== tokens[i].lower && wordTag(b) === 'ADJ');
    if (s.region[i] !== 'main' || (!OPEN_DEGREE.has(tokens[i].stem) && !comparative)) continue;
    // The noun phrase it opens: adjectives and nouns up to its head.
    let h = i + 1;
    while (h + 1 < tokens.length && /^(?:ADJ|NOUN|PROPN)$/.test(s.typed[h + 1]) && s.region[h + 1] === 'main') h++;
    const head = tokens[h];
    if (!head || !/^(?:NOUN|PROPN)$/.test(s.typed[h]) || !isAbstractNoun(head)) continue;
    // Only the main clause can say where: "…before introducing refactors" says when.
    const elsewhere = tokens.some(
      (_, k) => (k < i || k > h) && k !== s.verb && s.region[k] === 'main' && isConcrete(s, k),
    );
    const found = words(tokens, i, h - i + 1);
    // "Add more logs to chain start": more of a thing, added to a named place.
    if (elsewhere || addedSomewhere(s, found)) continue;
    // "Enhanced monitoring for propagation latency": a watch whose signal is named.
    if (WATCHING.has(head.stem) && watchesANamedSignal(s, i)) continue;
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" asks for an amount nobody set: which ones, and how much is enough?`,
      hint: 'List what is added or set the bar, e.g. "Provide sufficient test coverage" → "Add contract tests for the 4 endpoints the mobile app calls and run them on every pull request".',
    };
  }
  return null;
}

/** Length of the first phrase of the list that starts at `index`, or 0. */
function phraseAt(tokens: Token[], index: number, list: readonly (readonly string[])[]): number {
  for (const p of list) if (findPhrase(tokens.slice(index, index + p.length), p) === 0) return p.length;
  return 0;
}

const LONG_ITEM_WORDS = 12;
const STRONG_VAGUE = new Set(['etc', 'stuff', 'somehow', 'tbd', 'misc', 'miscellaneous']);
const TARGET_PHRASES = phrases([
  'same way as',
  'in line with',
  'to match',
  'with a',
  'with an',
  'with the',
  'by adding',
  'by using',
  'using',
  'via',
]);
/** A name someone can look up: a product, a version, a path, an identifier. */
const isSpecificName = (t: Token): boolean =>
  /[\d._/:=-]/.test(t.text) ||
  /^\p{Lu}{2,}/u.test(t.text) ||
  /\p{Ll}\p{Lu}/u.test(t.text) ||
  (!t.clauseStart && /^\p{Lu}/u.test(t.text));

/**
 * A name someone can look up, in a sentence whose capitals may only be Title Case: in
 * "Development Of Release Process" a capital names nothing.
 */
function namesSomething(s: Sentence): boolean {
  const long = s.tokens.filter((t) => t.text.length >= 4 && /^\p{L}/u.test(t.text));
  const titleCase = long.length >= 2 && long.every((t) => /^\p{Lu}/u.test(t.text));
  return s.tokens.some((t) => isSpecificName(t) && !(titleCase && /^\p{Lu}\p{Ll}+$/u.test(t.text)));
}

/** Open-ended directions and awareness: they change no system and never finish. */
const OPEN_ENDED = phrases([
  'find a way',
  'find ways',
  'continue to',
  'keep working on',
  'keep looking',
  'figure out how',
  'think about',
  'devise a strategy',
  'come up with a way',
  'something about',
  'reach out',
  'raise awareness',
  'make people aware',
  'make everyone aware',
  'remind',
  'teach',
  'educate',
  'get the',
]);
const ONGOING = stemSet(['continue', 'keep']);
const COMMUNICATE = stemSet(['share', 'communicate', 'announce', 'explain', 'present', 'circulate', 'broadcast']);
const COGNITION = stemSet(['know', 'understand', 'remember', 'learn', 'aware', 'familiar', 'recognise', 'recognize']);
const READING = stemSet(['read', 'study', 'learn', 'watch', 'attend']);
const TRAINING = stemSet(['train', 'coach', 'teach', 'educate', 'remind', 'onboard', 'upskill']);
const DELEGATED = phrases(['to look at it', 'to look into it', 'to take a look']);
const ABSTRACT_OBJECTS = stemSet(['strategy', 'process', 'procedure', 'approach', 'culture', 'mindset', 'way']);
const REWORK = stemSet(['overhaul', 'revamp', 'rework', 'rethink', 'redesign', 'reimagine', 'modernise', 'modernize']);
const PLANNING = phrases(['create', 'define', 'establish', 'develop', 'agree on', 'implement', 'have']);

// "might be an option", "could potentially": a thought, not a commitment.
const HEDGES = phrases([
  'might be',
  'may be',
  'could potentially',
  'would be nice',
  'could be',
  'any other',
  'sounds like',
  'seems like',
]);

const PROGRESSIVE_EFFORT = new Set(['working', 'continuing', 'aiming', 'striving', 'trying', 'committed', 'dedicated']);
const OBLIGATION = new Set(['need', 'needs', 'must', 'should']);
const CREATED = stemSet(['establish', 'create', 'define', 'develop', 'agree', 'set']);
const PUT_IN_PLACE = new Set([...CREATED, ...stemSet(['implement', 'introduce', 'adopt', 'put'])]);
const UPKEEP = stemSet(['upkeep', 'maintenance', 'coordination', 'collaboration', 'cooperation', 'communication']);

/**
 * "Regular monitoring and maintenance of the relayer should be implemented", "Back-up
 * systems should be put in place": the head nouns of the subject (before any "of" or
 * "between") name only a kind of work, so the passive says nothing will be built in particular.
 */
function genericSubject(s: Sentence, obligation: number): boolean {
  const heads: Token[] = [];
  for (let k = 0; k < obligation; k++) {
    // The first word is capitalised anyway: "Regular" is read as a name unless read as a command.
    const pos = k === 0 && s.typed[k] === 'PROPN' ? s.command[k] : s.typed[k];
    if (heads.length && pos === 'ADP') break;
    if (/^(?:NOUN|PROPN)$/.test(pos) || (pos === 'VERB' && /ing$/.test(s.tokens[k].lower))) heads.push(s.tokens[k]);
  }
  return (
    heads.length > 0 &&
    heads.every(
      (t) => (GENERIC_WORDS.has(t.stem) || UPKEEP.has(t.stem) || ABSTRACT_OBJECTS.has(t.stem)) && !isSpecificName(t),
    )
  );
}

/**
 * No command, only what something should be: "Communication needs to be clear between teams",
 * "The rollout process must be robust", or a plan in general in the passive: "A procedure
 * for incidents needs to be established". A subject that acts ("The importer should skip…")
 * or a passive on a concrete thing ("Continuous tests should be run against staging") passes.
 */
function statedAim(s: Reading): Problem | null {
  const { tokens } = s;
  // "The test suite is fast and easy to extend": with no action at all, a state described is an aim.
  const state = tokens.findIndex(
    (t, i) =>
      i > 0 &&
      s.verb < 0 &&
      s.region[i] === 'main' &&
      /^(?:is|are)$/.test(t.lower) &&
      (s.typed[i + 1] === 'ADJ' || (tokens[i + 1]?.lower === 'not' && s.typed[i + 2] === 'ADJ')),
  );
  if (state > 0 && !hasMeasure(s.text) && !tokens.some(isSpecificName)) {
    const found = words(tokens, state, tokens[state + 1].lower === 'not' ? 3 : 2);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" says what things should be like, not what will change.`,
      hint: 'State the change that gets you there, e.g. "The test suite is easy to extend" → "Add a fixture generator for the 3 storage backends and document it in tests/README".',
    };
  }
  for (let i = 1; i < tokens.length - 2; i++) {
    if (!OBLIGATION.has(tokens[i].lower) || s.region[i] !== 'main') continue;
    const be = tokens[i + 1].lower === 'to' ? i + 2 : i + 1;
    if (!/^(?:be|become)$/.test(tokens[be]?.lower ?? '')) continue;
    const next = be + 1;
    const quality = s.typed[next] === 'ADJ' || (tokens[next]?.lower === 'more' && s.typed[next + 1] === 'ADJ');
    // "…should be implemented with a heartbeat check" names the mechanism.
    const mechanism = findAnyPhrase(tokens.slice(next + 1), TARGET_PHRASES);
    const plan =
      !mechanism &&
      ((CREATED.has(tokens[next]?.stem ?? '') && tokens.slice(0, i).some((t) => ABSTRACT_OBJECTS.has(t.stem))) ||
        (PUT_IN_PLACE.has(tokens[next]?.stem ?? '') && genericSubject(s, i)));
    if ((!quality && !plan) || tokens.some(isSpecificName) || hasMeasure(s.text)) return null;
    const found = words(tokens, i, next - i + 1);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" says what things should be like, not what will change.`,
      hint: 'State the change that gets you there, e.g. "Communication needs to be clear during upgrades" → "Open a shared upgrade channel and post status there every 30 minutes during each hard fork".',
    };
  }
  return null;
}

/** Verbs that state a principle rather than a change: "…must respect…", "…should always honour…". */
const PRINCIPLES = stemSet([
  'respect',
  'honour',
  'honor',
  'follow',
  'adhere',
  'comply',
  'preserve',
  'uphold',
  'obey',
  'protect',
  'compromise',
  'violate',
  'prioritise',
  'prioritize',
  'favour',
  'favor',
]);
/** Objects that are ideals rather than things. */
const IDEALS = stemSet([
  'boundary',
  'boundaries',
  'domain',
  'integrity',
  'truth',
  'principle',
  'invariant',
  'contract',
  'constraint',
  'guarantee',
  'expectation',
  'spirit',
  'intent',
  'privacy',
  'trust',
  'convention',
  'practice',
  'standard',
  'user',
  'customer',
]);
/** Manners nobody can check: "fail safely", "degrade gracefully". */
const VAGUE_MANNERS = new Set([
  'gracefully',
  'safely',
  'predictably',
  'reliably',
  'correctly',
  'properly',
  'smoothly',
  'securely',
  'robustly',
  'consistently',
  'transparently',
  'seamlessly',
  'efficiently',
  'appropriately',
]);
const FREQUENCY = new Set(['always', 'never', 'not', 'only', 'still']);

/**
 * A design principle stated as an item: "The scheduler must respect each tenant's
 * boundaries", "Services should fail safely", "Always honour the source of truth". It says
 * how things ought to behave, not what will change to make them. "The importer should skip
 * rows with a null id" names a behaviour anyone can check, and passes.
 */
function principle(s: Reading): Problem | null {
  const { tokens } = s;
  if (tokens.some(isSpecificName) || hasMeasure(s.text)) return null;
  for (let i = 0; i < tokens.length - 1; i++) {
    const obliged = i > 0 && OBLIGATION.has(tokens[i].lower);
    if (s.region[i] !== 'main' || (!obliged && !(i === 0 && /^(?:always|never)$/.test(tokens[i].lower)))) continue;
    let k = obliged ? i + 1 : i;
    if (tokens[k]?.lower === 'to') k++;
    while (k < tokens.length - 1 && FREQUENCY.has(tokens[k].lower)) k++;
    const v = tokens[k];
    if (!v || !(s.typed[k] === 'VERB' || s.command[k] === 'VERB')) continue;
    // "…should fail safely": a manner with nothing after it ("…drain gracefully before the autoscaler
    // removes them" says when, and can be checked).
    const manner = VAGUE_MANNERS.has(tokens[k + 1]?.lower ?? '') && k + 2 >= tokens.length;
    // "…must respect each tenant's boundaries", "…honour the source of truth": the object is an ideal;
    // "…must preserve the original timestamps" names a thing anyone can check.
    const ideal = tokens.some(
      (t, j) => j > k && s.region[j] === 'main' && (IDEALS.has(t.stem) || QUALITIES.has(t.stem)),
    );
    if (!(PRINCIPLES.has(v.stem) && ideal) && !manner) continue;
    const found = words(tokens, i, k - i + (manner ? 2 : 1));
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" states a principle, not the change that makes it hold.`,
      hint: 'Name the mechanism that enforces it, e.g. "The scheduler must respect tenant boundaries" → "Reject a job in the scheduler when its tenant has used its 8-CPU quota".',
    };
  }
  return null;
}

const KEEP = stemSet(['keep', 'maintain']);
const ENSURE = phrases(['make sure', 'ensure']);
const CURRENT = phrases(['up to date', 'in sync', 'current', 'updated', 'fresh']);
/**
 * "Keep the deploy scripts up to date": upkeep with no trigger and no mechanism never
 * finishes. "Keep the CA bundle up to date with a weekly Renovate job" names how.
 */
function upkeep(s: Reading): Problem | null {
  const { tokens, verb } = s;
  if (verb < 0 || s.region[verb] !== 'main' || hasMeasure(s.text)) return null;
  const after = tokens.slice(verb + 1).filter((t) => t.clause === tokens[verb].clause);
  // "Make sure the runbooks are up to date" says the same as "Keep the runbooks up to date".
  const ensured = phraseAt(tokens, verb, ENSURE) > 0;
  if (!KEEP.has(tokens[verb].stem) && !ensured) return null;
  const state = findAnyPhrase(after, CURRENT);
  if (ensured && !/^(?:is|are|stay|stays|remain|remains|be)$/.test(after[(state?.index ?? 0) - 1]?.lower ?? ''))
    return null;
  // "Maintain a list in PagerDuty and keep it up to date" creates the list first.
  const coordinated = state && after.slice(0, state.index).some((t) => t.lower === 'and');
  if (
    !state ||
    coordinated ||
    findAnyPhrase(after, TARGET_PHRASES) ||
    after.some((t) => /^(?:when|whenever|every|each)$/.test(t.lower))
  )
    return null;
  const found = words(tokens, verb, 1);
  return {
    severity: 'warning',
    words: found,
    message: `"${found} … ${words(after, state.index, state.length)}" is upkeep with no end: say what keeps it current.`,
    hint: 'Name the mechanism or the trigger, e.g. "Keep the deploy scripts up to date" → "Add the deploy scripts to the weekly Renovate run and fail CI when one pins an image older than 90 days".',
  };
}

/** Nouns made from planning verbs: "Development of a release process", "Creation of a strategy". */
const NOMINAL_PLANS = stemSet(['development', 'creation', 'establishment', 'definition', 'introduction']);
function nominalPlan(s: Reading): Problem | null {
  const { tokens, verb } = s;
  if (verb >= 0 || !NOMINAL_PLANS.has(tokens[0]?.stem ?? '') || namesSomething(s)) return null;
  const abstract = tokens.slice(1, 6).find((t) => ABSTRACT_OBJECTS.has(t.stem));
  if (!abstract) return null;
  return {
    severity: 'warning',
    words: `${tokens[0].text}`,
    message: `"${tokens[0].text} … ${abstract.text}" asks for a plan in general; say what the plan decides.`,
    hint: 'Name what the process fixes, e.g. "Development of a release process" → "Require a signed tag and a green staging run before the release job publishes to the app stores".',
  };
}

/** Verbs of effort: with a goal after them ("Work towards…", "Try to…") they promise trying, not a change. */
const EFFORT = stemSet(['try', 'attempt', 'strive', 'endeavour', 'endeavor', 'aim', 'work', 'move']);
const TOWARDS = new Set(['towards', 'toward', 'for', 'on']);
/** Verbs of searching and the means they search for: "Look for ways to…", "Identify opportunities to…". */
const SEARCH = stemSet([
  'look',
  'find',
  'explore',
  'identify',
  'seek',
  'search',
  'consider',
  'evaluate',
  'research',
  'determine',
]);
const MEANS = stemSet(['way', 'option', 'opportunity', 'possibility', 'avenue', 'alternative', 'idea', 'approach']);

/**
 * "Work towards zero-downtime deploys", "Try to reduce manual steps", "Aim to catch these
 * before production": an effort verb with a goal, so the item is done when someone tried.
 * "Look for ways to reduce deploy risk": a search for means, with nothing to deliver. A
 * target ("…to under 10 minutes") or a deliverable ("…and propose one in an RFC") passes,
 * and so does "Move the session store to Postgres" (a thing moved, not a goal).
 */
function effortOrSearch(s: Reading): Problem | null {
  const { tokens, verb } = s;
  // A number is a target ("Try to cut the build to under 10 minutes"); "zero-downtime" is still a goal.
  if (verb < 0 || /\d/.test(s.text)) return null;
  const e = tokens.findIndex(
    (t, i) =>
      i <= verb &&
      (i <= 3 || i === verb) &&
      EFFORT.has(t.stem) &&
      couldBeImperative(t.text) &&
      (TOWARDS.has(tokens[i + 1]?.lower ?? '')
        ? t.stem !== 'try'
        : t.stem !== 'move' &&
          // "try and get it right", "try if we can…" promise trying as much as "try to".
          (isInfinitiveTo(s, i + 1) || (t.stem === 'try' && /^(?:and|if|whether)$/.test(tokens[i + 1]?.lower ?? '')))),
  );
  // "Work on migrating the billing database to Aurora" names the action worked on.
  // "…work on improving the process" is still only a direction.
  const onAction =
    e >= 0 &&
    tokens[e + 1].lower === 'on' &&
    /ing$/.test(tokens[e + 2]?.lower ?? '') &&
    !ACTION_NOUN_VERBS.has(tokens[e + 2].stem);
  if (e >= 0 && !onAction) {
    const found = words(tokens, e, 2);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" promises an effort towards a goal; it is done when someone has tried.`,
      hint: 'Name the change that reaches the goal, e.g. "Work towards zero-downtime deploys" → "Drain each pod before it stops and run two replicas of the API during deploys".',
    };
  }
  const searching = SEARCH.has(tokens[verb].stem) && s.region[verb] === 'main';
  const means = tokens.findIndex(
    (t, i) => i > verb && i <= verb + 5 && MEANS.has(t.stem) && /^(?:NOUN|PROPN)$/.test(s.typed[i]),
  );
  const delivers = tokens.some((t, i) => i > verb && s.region[i] === 'main' && DELIVERABLES.has(t.stem));
  if (!searching || means < 0 || delivers) return null;
  const found = words(tokens, verb, means - verb + 1);
  return {
    severity: 'warning',
    words: found,
    message: `"${found}" searches for a way without saying what will be delivered.`,
    hint: 'Name the change, or the decision the search ends in, e.g. "Look for ways to reduce deploy risk" → "Compare blue-green and canary deploys for the API and write up a recommendation by 15 May".',
  };
}

function openEnded(s: Reading): Problem | null {
  const { tokens, verb } = s;
  const main = tokens.filter((_, i) => s.region[i] === 'main');
  // "Continue improving the runbooks", "Keep tuning the alerts": an ongoing effort with no end.
  // A label says the same with an adjective: "Continued work on reliability", "Ongoing effort to…".
  const ongoing =
    (verb >= 0 &&
      ONGOING.has(tokens[verb].stem) &&
      // "Continue improving…", and "We will continue to monitor…", which the reader splits at "to".
      (/ing$/.test(tokens[verb + 1]?.lower ?? '') ||
        (/^continu/.test(tokens[verb].lower) &&
          isInfinitiveTo(s, verb + 1) &&
          // "…continue to run the drill every quarter" keeps a schedule, which can be checked.
          !tokens.some((t) =>
            /^(?:every|each|daily|weekly|nightly|monthly|quarterly|yearly|annually)$/.test(t.lower),
          ))) &&
      main.includes(tokens[verb])) ||
    (tokens.length > 1 && /^(?:continued|ongoing)$/.test(tokens[0].lower));
  // "The team is working to build…", "We are aiming at…": a report of effort, not a change.
  const progressive = main.findIndex(
    (t, k) => /^(?:is|are|am|'re)$/.test(t.lower) && PROGRESSIVE_EFFORT.has(main[k + 1]?.lower ?? ''),
  );
  // Only when no command comes before it ("Fix the worker that is trying to reconnect" is a command).
  if (progressive >= 0 && (verb < 0 || main.indexOf(tokens[verb]) > progressive - 2)) {
    const found = words(main, progressive, 2);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" reports an ongoing effort, not a change anyone can finish.`,
      hint: 'Name the change and where it lands, e.g. "The team is working on deploy safety" → "Add a canary stage that holds each deploy for 15 minutes at 5 % of traffic".',
    };
  }
  const aim = statedAim(s) ?? principle(s) ?? effortOrSearch(s) ?? upkeep(s) ?? nominalPlan(s);
  if (aim) return aim;
  const start = verb > 0 ? main.indexOf(tokens[verb]) : 0;
  const hit = ongoing ? { index: Math.max(0, start), length: 2 } : findAnyPhrase(main, OPEN_ENDED);
  const delegated = findAnyPhrase(tokens, DELEGATED);
  const planned = verb < 0 ? 0 : phraseAt(tokens, verb, PLANNING);
  const abstract = planned
    ? // The head of the object, past its adjectives: "define a clear written process".
      tokens
        .slice(verb + planned, verb + planned + 5)
        .filter((_, k) =>
          s.typed.slice(verb + planned, verb + planned + k).every((p) => /^(?:DET|ADJ|NOUN|PRON)$/.test(p)),
        )
        .find((t) => ABSTRACT_OBJECTS.has(t.stem))
    : undefined;
  // "Make sure engineers know the rollout tool", "Coach the on-call on failover": awareness and training change people, not systems.
  // "Admins should refresh themselves on the policy": the people are the object as well as the subject.
  const aware = tokens.findIndex(
    (t, i) =>
      s.region[i] === 'main' &&
      ((isPersonNoun(t) && tokens.slice(i + 1, i + 3).some((c) => COGNITION.has(c.stem))) ||
        (i > 1 && /^(?:themselves|ourselves|yourselves)$/.test(t.lower))),
  );
  // Training on a named artefact with a measure is a plan ("Train the on-call on runbook R-12 in a 1-hour session").
  const trains =
    verb >= 0 &&
    TRAINING.has(tokens[verb].stem) &&
    personObjectAfter(tokens, verb) > verb &&
    !hasMeasure(s.text) &&
    !tokens.some(isSpecificName);
  // "Share the lessons with the wider team", "Communicate the new process to engineers": telling people, not changing anything.
  const tells = tokens.findIndex(
    (t, i) =>
      s.region[i] === 'main' &&
      COMMUNICATE.has(t.stem) &&
      (i === verb || (tokens[i - 1]?.lower === 'and' && (s.typed[i] === 'VERB' || /ing$/.test(t.lower)))) &&
      tokens.some(
        (p, j) =>
          j > i &&
          isPersonNoun(p) &&
          // "the wider team", but not "the password manager" (a tool named after a role).
          !/^(?:NOUN|PROPN)$/.test(s.typed[j - 1] ?? '') &&
          tokens.slice(Math.max(i + 1, j - 3), j).some((w) => /^(?:to|with)$/.test(w.lower)),
      ) &&
      !hasMeasure(s.text),
  );
  // "Read the RFC to understand the protocol": reading whose purpose is to learn changes people, not systems.
  const learns =
    verb >= 0 &&
    READING.has(tokens[verb].stem) &&
    tokens.some((t, i) => i > verb && t.lower === 'to' && COGNITION.has(tokens[i + 1]?.stem ?? ''));
  if (aware >= 0 || trains || tells >= 0 || learns) {
    const found = trains || learns ? tokens[verb].text : tells >= 0 ? tokens[tells].text : words(tokens, aware, 2);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" asks people to learn or remember; it does not change a system or a process.`,
      hint: 'Build the knowledge into the tool or the runbook, e.g. "Make sure engineers know the rollback steps" → "Add a one-click rollback to the deploy pipeline and link it from the failed-deploy alert".',
    };
  }
  if (hit && (main[hit.index].lower !== 'get' || delegated)) {
    const found = words(main, hit.index, hit.length);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" is open-ended: it names an effort or a hope, not a change anyone can finish.`,
      hint: 'Name the change and where it lands, e.g. "Find a way to limit requests to the hub" → "Rate-limit the hub API to 50 requests per second per user at the ingress".',
    };
  }
  // "We plan to overhaul our incident response process": a rework of a process in general, with nothing after it.
  const reworked =
    !abstract && verb >= 0 && REWORK.has(tokens[verb].stem)
      ? tokens.slice(verb + 1).find((t, k, rest) => ABSTRACT_OBJECTS.has(t.stem) && k === rest.length - 1)
      : undefined;
  if (reworked && !tokens.some(isSpecificName))
    return {
      severity: 'warning',
      words: `${tokens[verb].text} ${reworked.text}`,
      message: `"${tokens[verb].text} … ${reworked.text}" asks for a new process in general; say what changes in it.`,
      hint: 'Name the change to the process, e.g. "Overhaul the incident process" → "Page the incident commander and open the status page draft automatically when a SEV-1 is declared".',
    };
  if (abstract && !tokens.some(isSpecificName))
    return {
      severity: 'warning',
      words: `${tokens[verb].text} ${abstract.text}`,
      message: `"${tokens[verb].text} … ${abstract.text}" asks for a plan in general; say what the plan decides.`,
      hint: 'Name what the process or strategy fixes, e.g. "Create a Redis strategy" → "Move the flags cache to its own Redis cluster and cap its memory at 4 GB".',
    };
  return null;
}

/**
 * "This was a useful lesson about base images", "There is much left to do on detection":
 * a sentence about the incident or the work, opened by a pointer and a copula, with no
 * command of its own. A warning: the work may be inside it, but the item does not say it.
 */
function commentary(s: Reading): Problem | null {
  const { tokens } = s;
  const [first, second] = tokens;
  if (!first || !second || s.field !== 'title' || /https?:\/\//.test(s.text)) return null;
  // "We do not know why the disk filled up": a gap stated, not the work that closes it.
  const gap = tokens.findIndex(
    (t, i) =>
      i <= 2 &&
      /^(?:we|i|they)$/.test(t.lower) &&
      /^(?:don't|didn't|do|did)$/.test(tokens[i + 1]?.lower ?? '') &&
      (tokens[i + 1].lower.endsWith("n't")
        ? tokens[i + 2]
        : tokens[i + 2]?.lower === 'not'
          ? tokens[i + 3]
          : undefined
      )?.lower.match(/^(?:have|know|see|understand)$/),
  );
  if (gap >= 0) {
    const found = words(tokens, gap, tokens[gap + 1].lower.endsWith("n't") ? 3 : 4);
    return {
      severity: 'warning',
      words: found,
      message: `"${found}" states a gap; an action item says what will close it.`,
      hint: 'Name the change that closes the gap, e.g. "We do not know why the disk filled up" → "Alert at 80 % disk use on the log volume and record the top 5 directories by size with each alert".',
    };
  }
  const pointer = /^(?:this|that|there|here)$/.test(first.lower);
  const copula =
    /^(?:is|was|are|were)$/.test(second.lower) || (first.possessive && /^(?:there|here|that)$/.test(first.lower));
  if (!pointer || !copula) return null;
  // "This is to be done by…" or "There is to be a freeze…" announce work; only a plain statement comments.
  if (tokens[2]?.lower === 'to' || tokens[2]?.lower === 'now') return null;
  const found = first.possessive ? `${first.text}'s` : words(tokens, 0, 2);
  return {
    severity: 'warning',
    words: first.possessive ? first.text : found,
    message: `"${found}…" comments on the incident; an action item says what will be done.`,
    hint: 'Start with the change, e.g. "This was a lesson about base images" → "Pin every base image by digest and let Renovate propose updates weekly".',
  };
}

const VALUES = new Set(['key', 'important', 'essential', 'crucial', 'critical', 'vital', 'paramount']);
// Hindsight as a title: "we could have drained the node first" reflects on the past.
const MODALS = new Set(['could', 'would', 'should', 'might']);
/**
 * "Renovate failed to open PRs", "The backup job did not run": a noun phrase followed by what
 * went wrong reports the failure; it says nothing of what will be done. The words of the
 * failure, or null. A condition before it ("Alert when the job failed to run") is no report.
 */
// Not "never": "The importer never deletes source files" states a requirement.
const FAILED = new Set(['failed', "didn't", "wasn't", "weren't", "couldn't"]);
const NEGATED_PAST = new Set(['did', 'was', 'were', 'could']);
function failureReport(s: Reading): { words: string; state: boolean } | null {
  const { tokens } = s;
  for (let i = 1; i <= 4 && i < tokens.length; i++) {
    const t = tokens[i];
    const slip =
      (t.lower === 'failed' && tokens[i + 1]?.lower === 'to') ||
      (FAILED.has(t.lower) && t.lower !== 'failed') ||
      (NEGATED_PAST.has(t.lower) && tokens[i + 1]?.lower === 'not') ||
      // "The page never reached anyone" reports; "The importer never deletes source files" requires.
      (t.lower === 'never' && s.typed[i + 1] === 'VERB' && pastForm(tokens[i + 1].lower));
    const state = !slip && pastState(s, i);
    if (!slip && !state) continue;
    // "…, so we rewrote it", "…; the supplier will now provide…": the work follows. "…and we
    // recognise the frustration" only feels it, and a verb in a side clause is no work.
    const acts = (k: number) => tokens[k] && !COGNITION.has(tokens[k].stem) && !REGRETS.has(tokens[k].stem);
    const goesOn = (w: Token, k: number) =>
      /^(?:we|they|i|will|shall|must)$/.test(w.lower) &&
      acts(tokens.findIndex((_, j) => j > k && !BEFORE_THE_VERB.has(tokens[j].lower)));
    if (tokens.some((w, k) => k > i + 1 && goesOn(w, k))) return null;
    // The subject before it must be a plain noun phrase: "Renovate", "The nightly backup job".
    const subject = tokens.slice(0, i);
    const nominal = subject.every(
      (w, k) => w.clause === t.clause && (/^(?:NOUN|PROPN|ADJ|DET|NUM)$/.test(s.typed[k]) || k === 0),
    );
    if (!nominal || subject.some((w) => /^(?:we|i|you|they)$/.test(w.lower))) return null;
    return { words: words(tokens, i, state ? predicateLength(s, i) : 2), state };
  }
  return null;
}

/**
 * "The runbook was out of date", "Alerts were missing for the queue": a state in the past tense
 * describes the incident. "The limit was raised to 500" reports a change, which is work done.
 */
function pastState(s: Reading, i: number): boolean {
  const next = s.tokens[i + 1];
  if (!/^(?:was|were)$/.test(s.tokens[i].lower) || !next || next.clause !== s.tokens[i].clause) return false;
  // "…was to be replaced" announces work; "…was not" is read as a slip already.
  if (/^(?:to|not|never)$/.test(next.lower)) return false;
  // "was quickly rolled back" is work done; "was back to normal" is a state.
  let k = i + 1;
  while (s.typed[k] === 'ADV' && s.typed[k + 1] === 'VERB') k++;
  return s.typed[k] === 'VERB' ? /ing$/.test(s.tokens[k].lower) : /^(?:ADJ|ADP|ADV|DET|NUM)$/.test(s.typed[k]);
}
/** "was out of date", "was a single point", "were missing": the copula up to the head of what follows. */
function predicateLength(s: Reading, i: number): number {
  let k = i + 1;
  while (
    k + 1 < s.tokens.length &&
    k - i < 5 &&
    s.tokens[k + 1].clause === s.tokens[i].clause &&
    s.typed[k] !== 'NOUN' &&
    s.typed[k] !== 'VERB' &&
    !(s.typed[k] === 'ADJ' && !/^(?:NOUN|ADJ)$/.test(s.typed[k + 1]))
  )
    k++;
  return k - i + 1;
}
const REGRETS = stemSet(['apologise', 'apologize', 'regret', 'appreciate', 'acknowledge', 'sorry']);
const BEFORE_THE_VERB = new Set([
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'have',
  'has',
  'had',
  'be',
  'been',
  'are',
  'is',
  'now',
  'also',
  'then',
]);
const IRREGULAR_PAST = new Set(['went', 'came', 'got', 'saw', 'sent', 'ran', 'rang', 'made', 'took', 'knew', 'caught']);
/** "reached", "fired", "went": a verb in the past tense. */
function pastForm(word: string): boolean {
  return /ed$/.test(word) || IRREGULAR_PAST.has(word);
}

/** Whether the offset falls inside a round bracket: more opened than closed before it. */
function insideBrackets(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  return (before.match(/\(/g)?.length ?? 0) > (before.match(/\)/g)?.length ?? 0);
}

function observation(s: Reading): Problem | null {
  const { text, tokens } = s;
  const comment = commentary(s);
  if (comment) return comment;
  const hit = findAnyPhrase(tokens, HEDGES);
  // "Splitting the workers might be an option": a gerund in front is the subject, not a command.
  const acts = startsWithAction(text) && !/ing$/i.test(tokens[0]?.text ?? '');
  // "It would be good to have alerts on this": an opinion about the work, not the work.
  // "Clear communication is key during an outage": a value stated, not work.
  const value = tokens.findIndex(
    (t, i) => i > 0 && i <= 5 && /^(?:is|are)$/.test(t.lower) && VALUES.has(tokens[i + 1]?.lower ?? ''),
  );
  // "It should be made impossible to…" is a requirement in the passive, not an opinion.
  const opinion =
    (tokens[0]?.lower === 'it' &&
      MODALS.has(tokens[1]?.lower ?? '') &&
      tokens[2]?.lower === 'be' &&
      !(tokens[1].lower === 'should' && s.typed[3] === 'VERB' && /(?:ed|en|de)$/.test(tokens[3].lower))) ||
    value > 0;
  const hedge =
    value > 0
      ? words(tokens, value, 2)
      : opinion
        ? words(tokens, 0, 4)
        : hit && hit.index <= 6
          ? words(tokens, hit.index, hit.length)
          : null;
  // A named person's hindsight ("Marcus should have…") is blame, which the blameless rule reports.
  const hindsight = tokens.findIndex(
    (t, i) =>
      MODALS.has(t.lower) &&
      tokens[i + 1]?.lower === 'have' &&
      /^(?:VERB|AUX)$/.test(s.typed[i + 2] ?? '') &&
      // "We should have alerting on config loads" asks for a thing; hindsight takes a participle.
      !/ing$/i.test(tokens[i + 2]?.lower ?? '') &&
      // "We added an alert, which we believe would have flagged it": hindsight in a side clause
      // after a reported change explains the change; only a sentence that opens with it is one.
      !tokens.slice(0, i).some((_, k) => s.typed[k] === 'VERB' && s.region[k] === 'main') &&
      // "…a second server (and the tool's action would have been correct)": an aside in brackets.
      !insideBrackets(text, t.start) &&
      !(tokens[i - 1] && s.typed[i - 1] === 'PROPN' && isNameLike(tokens[i - 1])),
  );
  // A reported failure is no command even when its first word could be read as one ("Renovate failed to…").
  const failure = hedge || hindsight >= 0 ? null : failureReport(s);
  const found = hedge ?? (hindsight >= 0 ? words(tokens, hindsight, 3) : failure?.words);
  // "Sounds like we need…" opens with the hedge, whatever the tagger makes of "Sounds".
  if (!found || (acts && hit?.index !== 0 && !failure)) return null;
  return {
    severity: 'error',
    words: found,
    message: failure?.state
      ? `"${found}" describes how things were; an action item says what will be done about it.`
      : failure
        ? `"${found}" reports what went wrong; an action item says what will be done about it.`
        : `"${found}" makes this an observation or an idea; an action item says what will be done.`,
    hint: failure?.state
      ? 'Say what will change, e.g. "The runbook was out of date" → "Rewrite the failover section of the payments runbook and walk through it in the March drill".'
      : 'Turn the thought into the work, e.g. "Workload segmentation might be an option" → "Move batch jobs to their own node pool so they cannot starve the API pods".',
  };
}
