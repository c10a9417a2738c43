import type { ActionItemDraft, Evidence, Finding, FindingSeverity, ItemRule } from '../quality.types.js';
import { locate } from '../text/evidence.js';
import { quote } from '../text/format.js';
import { hasMeasure } from '../text/measure.js';
import { findAnyPhrase, findPhrase, phrases, stemSet, tokenize, type Token } from '../text/normalize.js';
import { isNameLike } from '../text/people.js';
import { startsWithAction } from '../text/nlp.js';
import { findAttitude, findComparative } from '../text/vague.js';

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
type Problem = Pick<Finding, 'message' | 'hint'> & { severity: FindingSeverity; words: string };

// Words that may precede the action without being it: "We should add…", "Marcus to add…".
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
]);
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

export const specificRule: ItemRule = (draft) => {
  const title = (draft.title ?? '').trim();
  const titleProblem = judge(title, draft);
  if (!titleProblem) return [];
  // A short label plus a description is judged as a pair: "Retry limits" + "Cap Envoy retries at 2 per request".
  const description = firstSentence(draft.description);
  const rescuable = titleProblem.severity === 'warning' || !startsWithAction(title);
  if (rescuable && description && tokenize(description).length >= MIN_TITLE_WORDS && !judge(description, draft))
    return [];
  return [finding(titleProblem, draft.title ?? '')];
};

function finding(p: Problem, title: string): Finding {
  const evidence: Evidence[] = locate('title', title, p.words);
  return { rule: 'specific', severity: p.severity, message: p.message, hint: p.hint, evidence };
}

/** The first sentence of a description, where its action usually is. */
function firstSentence(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  const end = t.search(/[.!?](?:\s|$)|\n/);
  return (end > 0 ? t.slice(0, end) : t).slice(0, 300);
}

function judge(text: string, draft: ActionItemDraft): Problem | null {
  const tokens = tokenize(text);
  const verb = mainVerb(tokens);
  // The most telling problem first: "Improve performance" is too short, but "no target" helps more.
  return (
    observation(text, tokens) ??
    question(text, tokens) ??
    attitude(tokens) ??
    openEnded(tokens) ??
    vaguePhrase(tokens) ??
    exploratoryWithoutDeliverable(tokens, verb) ??
    directionWithoutTarget(text, tokens, verb, draft) ??
    genericObject(tokens, verb) ??
    tooShort(text, tokens)
  );
}

function tooShort(title: string, tokens: Token[]): Problem | null {
  if (tokens.length >= MIN_TITLE_WORDS && title.length >= MIN_TITLE_CHARS) return null;
  // A short command that names a version, a number or a product is concrete: "Pin libssl to 3.0.13".
  if (tokens.length >= 3 && startsWithAction(title) && (hasMeasure(title) || tokens.slice(1).some(isSpecificName)))
    return null;
  return {
    severity: 'warning',
    words: title,
    message: title ? `${quote(title)} is too short to say what will change, and where.` : 'The title is empty.',
    hint: 'Name the change and the system, e.g. "Fix DNS" → "Lower the TTL of the api.example.com A record from 3600 s to 300 s".',
  };
}

function question(title: string, tokens: Token[]): Problem | null {
  const [first, second] = tokens;
  const asks =
    title.endsWith('?') ||
    (first && INTERROGATIVES.has(first.lower)) ||
    (first && WH_WORDS.has(first.lower) && second && AUXILIARIES.has(second.lower)) ||
    (first && AUXILIARIES.has(first.lower) && second && SUBJECTS.has(second.lower));
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
    words: title,
    message: 'This reads as a question; an action item says what will be done.',
    hint: 'Turn the question into the work that answers it, e.g. "Why did failover not trigger?" → "Investigate why DNS failover did not trigger and publish the findings with follow-up tickets".',
  };
}

function attitude(tokens: Token[]): Problem | null {
  const found = findAttitude(tokens);
  if (!found) return null;
  return {
    severity: 'error',
    words: found.words,
    message: `"${found.words}" asks people to try harder; it does not change a system or a process.`,
    hint: 'Name the guardrail that makes the slip hard, e.g. "Be careful with config pushes" → "Validate load balancer config in CI and reject pushes that remove every backend".',
  };
}

function vaguePhrase(tokens: Token[]): Problem | null {
  const hit = findAnyPhrase(tokens, VAGUE_PHRASES);
  if (!hit) return null;
  // In a long, specific item "various" or "in general" is an aside, not the scope.
  if (tokens.length >= LONG_ITEM_WORDS && !STRONG_VAGUE.has(tokens[hit.index].lower) && tokens.some(isSpecificName))
    return null;
  const words = tokens
    .slice(hit.index, hit.index + hit.length)
    .map((t) => t.text)
    .join(' ');
  return {
    severity: 'warning',
    words,
    message: `"${words}" leaves the scope open: nobody can tell when this is done.`,
    hint: 'List exactly what is in scope, e.g. "Optimize slow queries etc." → "Add an index on orders(customer_id) so the order history query runs under 100 ms".',
  };
}

function exploratoryWithoutDeliverable(tokens: Token[], verb: number): Problem | null {
  const length = phraseAt(tokens, verb, EXPLORATORY);
  if (!length || tokens.slice(verb + length).some((t) => DELIVERABLES.has(t.stem))) return null;
  const words = tokens
    .slice(verb, verb + length)
    .map((t) => t.text)
    .join(' ');
  return {
    severity: 'warning',
    words,
    message: `"${words}" starts an inquiry but does not say what it will produce.`,
    hint: 'Name the question and the deliverable, e.g. "Look into certificate handling" → "Investigate why the login service cached the old signing key and publish findings with follow-up tickets".',
  };
}

function directionWithoutTarget(title: string, tokens: Token[], verb: number, draft: ActionItemDraft): Problem | null {
  if (hasMeasure(title) || hasMeasure(draft.successCriteria)) return null;
  // "Harden the importer the same way as the upload path", "Enhance the pipeline with a synthetic check".
  if (findAnyPhrase(tokens.slice(verb + 1), TARGET_PHRASES)) return null;
  const length = phraseAt(tokens, verb, DIRECTIONAL);
  const aspiration = phraseAt(tokens, verb, ASPIRATIONAL) && tokens.find((t) => QUALITIES.has(t.stem));
  const direction = length
    ? tokens
        .slice(verb, verb + length)
        .map((t) => t.text)
        .join(' ')
    : aspiration
      ? aspiration.text
      : findComparative(mainClause(tokens, verb));
  if (!direction) return null;
  return {
    severity: 'warning',
    words: direction,
    message: `"${direction}" gives a direction without a target: by how much, measured where?`,
    hint: 'Add the metric and the target, e.g. "Improve database performance" → "Reduce p99 of the order history query from 800 ms to 100 ms".',
  };
}

function genericObject(tokens: Token[], verb: number): Problem | null {
  const object = tokens.slice(verb + 1).filter((t) => !FUNCTION_WORDS.has(t.lower));
  if (object.some((t) => !GENERIC_WORDS.has(t.stem))) return null;
  const words = object.map((t) => t.text).join(' ') || tokens[verb]?.text || '';
  return {
    severity: 'warning',
    words,
    message: `"${words}" does not name the system or process that will change.`,
    hint: 'Name the system and the signal, e.g. "Add monitoring" → "Alert when the notification queue age exceeds 10 minutes for 5 minutes".',
  };
}

/** Index of the word that carries the action, past lead-ins such as "We should" or "Marcus to". */
function mainVerb(tokens: Token[]): number {
  let i = 0;
  if (tokens.length > 2 && tokens[1].lower === 'to' && isNameLike({ ...tokens[0], clauseStart: false })) i = 2;
  while (i < tokens.length - 1 && LEAD_INS.has(tokens[i].lower)) i++;
  return i;
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
  'by adding',
  'by using',
  'using',
  'via',
]);
// Words that end the main clause: what follows explains or qualifies, it is not the direction.
const CLAUSE_ENDS = new Set(['which', 'so', 'that', 'because', 'when', 'if', 'to', 'where', 'while']);

/** Tokens of the main clause after the verb, up to a subordinate or purpose clause. */
function mainClause(tokens: Token[], verb: number): Token[] {
  const end = tokens.findIndex((t, i) => i > verb && (CLAUSE_ENDS.has(t.lower) || t.clause !== tokens[verb]?.clause));
  return tokens.slice(0, end < 0 ? tokens.length : end);
}

/** A name someone can look up: a product, a version, a path, an identifier. */
const isSpecificName = (t: Token): boolean =>
  /[\d._/:=-]/.test(t.text) ||
  /^\p{Lu}{2,}/u.test(t.text) ||
  /\p{Ll}\p{Lu}/u.test(t.text) ||
  (!t.clauseStart && /^\p{Lu}/u.test(t.text));

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
const DELEGATED = phrases(['to look at it', 'to look into it', 'to take a look']);
const ABSTRACT_OBJECTS = stemSet(['strategy', 'process', 'approach', 'culture', 'mindset', 'way']);
const PLANNING = phrases(['create', 'define', 'establish', 'develop', 'agree on', 'implement', 'have']);

function openEnded(tokens: Token[]): Problem | null {
  const hit = findAnyPhrase(mainClause(tokens, 0), OPEN_ENDED);
  const delegated = findAnyPhrase(tokens, DELEGATED);
  const verb = mainVerb(tokens);
  const planned = phraseAt(tokens, verb, PLANNING);
  const abstract = planned
    ? tokens.slice(verb + planned, verb + planned + 3).find((t) => ABSTRACT_OBJECTS.has(t.stem))
    : undefined;
  if (hit && (tokens[hit.index].lower !== 'get' || delegated)) {
    const words = tokens
      .slice(hit.index, hit.index + hit.length)
      .map((t) => t.text)
      .join(' ');
    return {
      severity: 'warning',
      words,
      message: `"${words}" is open-ended: it names an effort or a hope, not a change anyone can finish.`,
      hint: 'Name the change and where it lands, e.g. "Find a way to limit requests to the hub" → "Rate-limit the hub API to 50 requests per second per user at the ingress".',
    };
  }
  if (abstract && !tokens.some(isSpecificName))
    return {
      severity: 'warning',
      words: `${tokens[verb].text} ${abstract.text}`,
      message: `"${tokens[verb].text} … ${abstract.text}" asks for a plan in general; say what the plan decides.`,
      hint: 'Name what the process or strategy fixes, e.g. "Create a Redis strategy" → "Move the flags cache to its own Redis cluster and cap its memory at 4 GB".',
    };
  return null;
}

// "might be an option", "could potentially": a thought, not a commitment.
const HEDGES = phrases(['might be', 'may be', 'could potentially', 'would be nice', 'could be', 'any other']);
function observation(text: string, tokens: Token[]): Problem | null {
  const hit = findAnyPhrase(tokens, HEDGES);
  if (!hit || startsWithAction(text) || hit.index > 6) return null;
  const words = tokens
    .slice(hit.index, hit.index + hit.length)
    .map((t) => t.text)
    .join(' ');
  return {
    severity: 'error',
    words,
    message: `"${words}" makes this an observation or an idea; an action item says what will be done.`,
    hint: 'Turn the thought into the work, e.g. "Workload segmentation might be an option" → "Move batch jobs to their own node pool so they cannot starve the API pods".',
  };
}
