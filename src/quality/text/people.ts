import { stemSet, type Token } from './normalize.js';

/** Nouns and pronouns that refer to people, stemmed ("engineers" -> "engineer"). */
const PERSON_NOUNS = stemSet([
  'engineer', 'operator', 'developer', 'dev', 'oncall', 'person', 'people', 'everyone', 'everybody', 'someone', 'somebody', 'nobody', 'anyone',
  'anybody', 'staff', 'employee', 'contractor', 'intern', 'reviewer', 'author', 'admin', 'administrator', 'sre', 'responder', 'manager', 'lead',
  'human', 'folks', 'whoever', 'team', 'teammate', 'colleague', 'newcomer', 'hire', 'individual', 'approver', 'deployer', 'assignee',
]);
// Possessive determiners ("our", "their") are left out: "retrain our model" aims at a model.
const PRONOUNS = new Set(['he', 'she', 'they', 'them', 'him', 'her', 'we', 'us', 'i', 'me', 'you']);

/**
 * Capitalised words that are products, systems or calendar words, not people. Only
 * consulted where a person is expected ("Remove X's access", "X failed to"), so the list
 * covers names seen in postmortems, not every product.
 */
const NOT_PEOPLE = new Set([
  'postgres', 'postgresql', 'mysql', 'kafka', 'redis', 'jenkins', 'github', 'gitlab', 'jira', 'pagerduty', 'opsgenie', 'slack', 'terraform',
  'kubernetes', 'helm', 'grafana', 'prometheus', 'alertmanager', 'datadog', 'sentry', 'vault', 'consul', 'nginx', 'envoy', 'istio', 'linux',
  'aws', 'gcp', 'azure', 'rds', 'aurora', 'lambda', 'cloudfront', 'cloudflare', 'elasticsearch', 'opensearch', 'kibana', 'airflow', 'spark',
  'snowflake', 'bigquery', 'stripe', 'twilio', 'sendgrid', 'okta', 'auth0', 'argo', 'argocd', 'spinnaker', 'circleci', 'docker', 'mongodb',
  'cassandra', 'rabbitmq', 'celery', 'sidekiq', 'rails', 'django', 'node', 'java', 'python', 'tempo', 'loki', 'teleport', 'launchdarkly',
  'statuspage', 'confluence', 'notion', 'pgbouncer', 'cert', 'ci', 'cd', 'dns', 'cdn', 'api', 'sql', 'utc', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'the', 'this', 'that', 'our', 'all', 'every', 'each', 'it', 'its', 'there', 'we', 'nobody', 'someone',
]);

/**
 * Systems that often start a terse sentence without an article ("Backup failed to
 * complete"); there a capital letter says nothing, so these are not taken for names.
 */
const SYSTEM_NOUNS = stemSet([
  'backup', 'deploy', 'deployment', 'job', 'build', 'migration', 'cron', 'test', 'script', 'check', 'alert', 'request', 'service', 'server',
  'node', 'pod', 'cluster', 'database', 'db', 'query', 'upload', 'download', 'rollout', 'release', 'sync', 'import', 'export', 'replication',
  'failover', 'probe', 'worker', 'consumer', 'producer', 'queue', 'cache', 'rotation', 'renewal', 'certificate', 'login', 'payment', 'webhook',
  'pipeline', 'monitor', 'monitoring', 'system', 'app', 'application', 'process', 'restore', 'update', 'upgrade', 'rollback', 'config',
  'page', 'pager', 'canary', 'healthcheck', 'scheduler', 'task', 'batch', 'run', 'email', 'message', 'notification', 'index', 'replica',
]);

const NAME_SHAPE = /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*$/u;

/**
 * A capitalised word that reads as someone's name in running text. At the start of a
 * clause every word is capitalised, so there a word naming a system is not a name.
 */
export function isNameLike(t: Token): boolean {
  if (!NAME_SHAPE.test(t.text) || NOT_PEOPLE.has(t.lower)) return false;
  return !(t.clauseStart && SYSTEM_NOUNS.has(t.stem));
}

export const isPersonNoun = (t: Token): boolean => PERSON_NOUNS.has(t.stem) || PRONOUNS.has(t.lower);

/** Any reference to a person: a name, a pronoun or a noun such as "engineer". */
export const isPersonRef = (t: Token): boolean => isPersonNoun(t) || isNameLike(t);

const DETERMINERS = new Set(['the', 'a', 'an', 'all', 'our', 'every', 'each', 'new', 'whole', 'any', 'some', 'those', 'these', 'that', 'this', 'other', 'junior', 'senior', 'responsible']);
const STOP_OBJECT = new Set(['on', 'to', 'for', 'with', 'in', 'about', 'from', 'at', 'by', 'of', 'into', 'when', 'if', 'so', 'and', 'or', 'before', 'after']);

/**
 * Index of the person a verb at `verb` is aimed at ("retrain the on-call engineers",
 * "remind Bob"), looking a few words ahead within the clause, or -1.
 */
export function personObjectAfter(tokens: Token[], verb: number, reach = 4): number {
  for (let j = verb + 1; j < tokens.length && j <= verb + reach; j++) {
    const t = tokens[j];
    if (t.clause !== tokens[verb].clause || STOP_OBJECT.has(t.lower)) return -1;
    if (isPersonRef(t)) return j;
    if (!DETERMINERS.has(t.lower) && !t.possessive && j > verb + 2) return -1;
  }
  return -1;
}
