/**
 * Reads an owner typed as free text in a meeting and tells a person from a team, a role,
 * a group alias, several people or a placeholder.
 */
export type OwnerNameKind = 'person' | 'empty' | 'placeholder' | 'team' | 'group-alias' | 'several';

const PLACEHOLDER = /^(tbd|tba|tbc|todo|n\/?a|none|unknown|unassigned|pending|nobody|someone|anyone|x|-+|—|\?+|\.+)$/i;
const LIST = /\s(?:and|or|&|\+)\s|[,;&+/]|\s-\s/i;
// Organisational units and collective nouns: one of these makes the whole name a group.
const COLLECTIVE = new Set([
  'team',
  'teams',
  'squad',
  'guild',
  'group',
  'crew',
  'tribe',
  'chapter',
  'dept',
  'department',
  'org',
  'organisation',
  'organization',
  'division',
  'unit',
  'rotation',
  'oncall',
  'folks',
  'people',
  'everyone',
  'everybody',
  'all',
  'whoever',
  'anyone',
  'someone',
  'somebody',
  'devs',
  'developers',
  'engineers',
  'sres',
  'dbas',
  'admins',
  'owners',
  'staff',
  'leadership',
  'management',
  'bot',
  'alias',
  'list',
]);
// Functions and domains that name a team when they stand alone ("SRE", "Backend", "Payments").
const FUNCTIONS = new Set([
  'sre',
  'ops',
  'devops',
  'sysops',
  'secops',
  'netops',
  'dataops',
  'infra',
  'infrastructure',
  'platform',
  'backend',
  'frontend',
  'mobile',
  'web',
  'data',
  'dba',
  'db',
  'database',
  'qa',
  'security',
  'sec',
  'appsec',
  'infosec',
  'support',
  'eng',
  'engineering',
  'dev',
  'it',
  'noc',
  'soc',
  'helpdesk',
  'networking',
  'network',
  'release',
  'releng',
  'build',
  'tooling',
  'core',
  'payments',
  'checkout',
  'billing',
  'identity',
  'auth',
  'search',
  'growth',
  'storage',
  'observability',
  'reliability',
  'product',
  'design',
  'marketing',
  'legal',
  'finance',
  'hr',
  'vendor',
  'lead',
  'manager',
  'owner',
  'commander',
  'ic',
  'oncall',
  'alerts',
  'incidents',
  'ops-team',
  'api',
  'cloud',
  'systems',
  'operations',
]);
const ACRONYM = /^\p{Lu}{2,6}$/u;
const PERSON_WORD = /^[\p{L}][\p{L}'’.]*(?:-[\p{L}][\p{L}'’.]*)*$/u;

export function classifyOwnerName(raw: string | null | undefined): OwnerNameKind {
  const name = (raw ?? '').trim().replace(/^on[\s-]?call\b/i, 'oncall');
  if (!name) return 'empty';
  if (PLACEHOLDER.test(name)) return 'placeholder';
  if (name.includes('@')) return aliasKind(name);
  if (LIST.test(name)) return 'several';
  const words = name.split(/\s+/);
  const lower = words.map((w) => w.toLowerCase());
  if (lower.some((w) => COLLECTIVE.has(w) || COLLECTIVE.has(w.replace(/^on-?call$/, 'oncall')))) return 'team';
  if (lower.every((w) => FUNCTIONS.has(w) || COLLECTIVE.has(w)) || (words.length === 1 && ACRONYM.test(name)))
    return 'team';
  if (lower.some((w) => w.split('-').some((part) => COLLECTIVE.has(part)) && w.includes('-'))) return 'team';
  if (words.length > 4 || !words.every((w) => PERSON_WORD.test(w))) return 'team';
  return 'person';
}

/** "infra@example.com" and "@db-admins" are lists; "marcus.lee@example.com" and "@mlee" are people. */
function aliasKind(name: string): OwnerNameKind {
  if (/\s/.test(name)) return LIST.test(name) ? 'several' : 'group-alias';
  const local = name.replace(/^@/, '').split('@')[0].toLowerCase();
  const parts = local.split(/[.\-_+]/).filter(Boolean);
  return parts.some((p) => COLLECTIVE.has(p) || FUNCTIONS.has(p) || p === 'oncall' || p === 'team')
    ? 'group-alias'
    : 'person';
}
