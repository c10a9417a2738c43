import type { Finding, ItemRule } from '../quality.types.js';
import { quote } from '../text/format.js';
import { hasMeasure } from '../text/measure.js';
import { findAnyPhrase, findPhrase, phrases, stemSet, tokenize, type Token } from '../text/normalize.js';
import { isNameLike } from '../text/people.js';
import { findAttitude, findComparative } from '../text/vague.js';

/**
 * Below 4 words or 20 characters a title cannot hold a verb, an object and the system it
 * lives in ("Fix DNS", "Add tests", "Misc cleanup"); the shortest specific titles seen in
 * practice are just above it ("Rotate leaked API keys": 4 words, 22 characters).
 */
export const MIN_TITLE_WORDS = 4;
export const MIN_TITLE_CHARS = 20;

type Problem = Pick<Finding, 'message' | 'hint'>;

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
  const tokens = tokenize(title);
  const verb = mainVerb(tokens);
  // The most telling problem first: "Improve performance" is too short, but "no target" helps more.
  const problem =
    question(title, tokens) ??
    attitude(tokens) ??
    vaguePhrase(tokens) ??
    exploratoryWithoutDeliverable(tokens, verb) ??
    directionWithoutTarget(title, tokens, verb) ??
    genericObject(tokens, verb) ??
    tooShort(title, tokens);
  return problem ? [{ rule: 'specific', severity: 'error', ...problem }] : [];
};

function tooShort(title: string, tokens: Token[]): Problem | null {
  if (tokens.length >= MIN_TITLE_WORDS && title.length >= MIN_TITLE_CHARS) return null;
  return {
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
  if (!asks) return null;
  return {
    message: 'This reads as a question; an action item says what will be done.',
    hint: 'Turn the question into the work that answers it, e.g. "Why did failover not trigger?" → "Investigate why DNS failover did not trigger and publish the findings with follow-up tickets".',
  };
}

function attitude(tokens: Token[]): Problem | null {
  const found = findAttitude(tokens);
  if (!found) return null;
  return {
    message: `"${found.words}" asks people to try harder; it does not change a system or a process.`,
    hint: 'Name the guardrail that makes the slip hard, e.g. "Be careful with config pushes" → "Validate load balancer config in CI and reject pushes that remove every backend".',
  };
}

function vaguePhrase(tokens: Token[]): Problem | null {
  const hit = findAnyPhrase(tokens, VAGUE_PHRASES);
  if (!hit) return null;
  const words = tokens
    .slice(hit.index, hit.index + hit.length)
    .map((t) => t.text)
    .join(' ');
  return {
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
    message: `"${words}" starts an inquiry but does not say what it will produce.`,
    hint: 'Name the question and the deliverable, e.g. "Look into certificate handling" → "Investigate why the login service cached the old signing key and publish findings with follow-up tickets".',
  };
}

function directionWithoutTarget(title: string, tokens: Token[], verb: number): Problem | null {
  if (hasMeasure(title)) return null;
  const length = phraseAt(tokens, verb, DIRECTIONAL);
  const aspiration = phraseAt(tokens, verb, ASPIRATIONAL) && tokens.find((t) => QUALITIES.has(t.stem));
  const direction = length
    ? tokens
        .slice(verb, verb + length)
        .map((t) => t.text)
        .join(' ')
    : aspiration
      ? aspiration.text
      : findComparative(tokens);
  if (!direction) return null;
  return {
    message: `"${direction}" gives a direction without a target: by how much, measured where?`,
    hint: 'Add the metric and the target, e.g. "Improve database performance" → "Reduce p99 of the order history query from 800 ms to 100 ms".',
  };
}

function genericObject(tokens: Token[], verb: number): Problem | null {
  const object = tokens.slice(verb + 1).filter((t) => !FUNCTION_WORDS.has(t.lower));
  if (object.some((t) => !GENERIC_WORDS.has(t.stem))) return null;
  const words = object.map((t) => t.text).join(' ') || tokens[verb]?.text || '';
  return {
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
