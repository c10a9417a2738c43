import type { Finding, ItemRule } from '../quality.types.js';
import { wholeField } from '../text/evidence.js';
import { quote } from '../text/format.js';
import { findMeasure } from '../text/measure.js';
import { stemSet, tokenize, type Token } from '../text/normalize.js';
import { findVagueOutcome } from '../text/vague.js';

const PLACEHOLDER = /^(tbd|tba|tbc|todo|n\/?a|none|-+|\?+|\.+|x|same as title|see title|done)$/i;

/** Results someone else can observe: "alert fires", "CI rejects", "runbook published". */
const OBSERVABLE = stemSet([
  'exist',
  'publish',
  'merge',
  'deploy',
  'link',
  'visible',
  'live',
  'enable',
  'disable',
  'revoke',
  'reject',
  'refuse',
  'block',
  'fire',
  'page',
  'return',
  'show',
  'list',
  'contain',
  'appear',
  'record',
  'attach',
  'post',
  'fail',
  'pass',
  'alert',
  'restore',
  'succeed',
  'delete',
  'document',
  'send',
  'sent',
  'drop',
  'report',
  'find',
  'point',
  'graph',
  'abort',
  'require',
  'cover',
  'roll',
  'promote',
  'trigger',
  'share',
  'hide',
  'hidden',
  'shut',
  'set',
  'sign',
  'remove',
  'add',
  'create',
  'grant',
  'run',
  'serve',
  'exit',
  'route',
  'include',
  'receive',
  'open',
  'close',
  'store',
  'emit',
  'print',
  'assign',
  'schedule',
]);
/** Things anyone can open and look at. */
const ARTIFACTS = stemSet([
  'runbook',
  'dashboard',
  'panel',
  'alert',
  'doc',
  'document',
  'wiki',
  'report',
  'adr',
  'rfc',
  'ticket',
  'pr',
  'test',
  'job',
  'ci',
  'check',
  'linter',
  'lint',
  'rule',
  'config',
  'policy',
  'checklist',
  'template',
  'flag',
  'metric',
  'graph',
  'log',
  'trace',
  'script',
  'section',
  'readme',
  'post',
  'blog',
  'recording',
  'scan',
  'probe',
  'endpoint',
  'header',
  'decision',
  'proposal',
  'finding',
  'notes',
  'label',
  'issue',
  'migration',
  'pipeline',
  'repo',
  'repository',
  'branch',
  'codeowners',
  'playbook',
  'announcement',
  'query',
  'schedule',
  'topic',
  'channel',
  'role',
  'grant',
  'session',
  'entry',
  'bucket',
  'instance',
  'button',
  'component',
  'tag',
]);
/**
 * Names of concrete things: "#infra", "db.r6g.large", "batch_size=500", "SELECT",
 * "/feed.xml". Whoever reads the criteria can look them up.
 */
const IDENTIFIER = /#[\w-]+|`[^`]+`|\b\w+[._=/:]\w[\w.=/:-]*|\b[A-Z]{3,}\b/;

type Problem = Pick<Finding, 'message' | 'hint'>;

export const measurableRule: ItemRule = (draft) => {
  const criteria = (draft.successCriteria ?? '').trim();
  const problem = !criteria || PLACEHOLDER.test(criteria) ? missing(draft.title, criteria) : unverifiable(criteria);
  return problem
    ? [{ rule: 'measurable', severity: 'error', ...problem, evidence: wholeField(draft, 'successCriteria') }]
    : [];
};

function missing(title: string, criteria: string): Problem {
  const target = findMeasure(title);
  const what = criteria ? `Success criteria ${quote(criteria)} is a placeholder` : 'Success criteria are missing';
  return {
    message: target
      ? `${what}; the title already names a target ("${target}"), so write how it will be checked.`
      : `${what}: say how anyone will check that this is done.`,
    hint: 'State a number, a threshold or something anyone can open, e.g. "Alert exists in Datadog and paged in a staging test" or "p99 below 50 ms for 7 consecutive days".',
  };
}

/**
 * Verifiable means a number or threshold, or an observable result or artifact; a vague
 * outcome ("better", "fewer", "stable") spoils the latter, because "fewer failed deploys"
 * names an artifact yet has no line to cross.
 */
function unverifiable(criteria: string): Problem | null {
  if (findMeasure(criteria)) return null;
  const tokens = tokenize(criteria);
  const vague = findVagueOutcome(tokens);
  if (!vague && (IDENTIFIER.test(criteria) || tokens.some(isCheckable))) return null;
  return {
    message: `${quote(criteria)} cannot be checked by someone else${vague ? `: "${vague}" has no threshold` : ''}.`,
    hint: 'Name a number, a threshold or an artifact, e.g. "Logins are more reliable" → "Synthetic login succeeds in 99.9% of runs over 7 days" or "Runbook page published and linked from the alert".',
  };
}

const isCheckable = (t: Token): boolean => OBSERVABLE.has(t.stem) || ARTIFACTS.has(t.stem);
