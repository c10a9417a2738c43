import { DEFAULT_WINDOWS, type ActionItemDraft, type ResolvedOwner, type RuleContext } from '../quality.types.js';
import { ownedRule } from './owned.rule.js';

const title = 'Alert when queue age exceeds 10 minutes';
const ctx = (owner: ResolvedOwner | null = null): RuleContext => ({
  today: '2026-11-21',
  windows: DEFAULT_WINDOWS,
  owner,
});
const person = (over: Partial<ResolvedOwner> = {}): ResolvedOwner => ({
  found: true,
  active: true,
  name: 'Lena Fischer',
  hasTrackerIdentity: null,
  ...over,
});
const ID = '0b7c6f1e-3d2a-4c5b-9e8f-7a6b5c4d3e2f';
const jira = { connectionId: 'conn-1', kind: 'jira' as const };

describe('owned rule', () => {
  it.each([
    ['no owner at all', {}, null],
    ['an empty name', { ownerName: '  ' }, null],
    ['a team', { ownerName: 'Platform team' }, null],
    ['a function', { ownerName: 'SRE' }, null],
    ['a squad', { ownerName: 'the backend squad' }, null],
    ['a handle alias', { ownerName: '@oncall-alias' }, null],
    ['a group mailbox', { ownerName: 'infra@example.com' }, null],
    ['a team mailbox', { ownerName: 'team@example.com' }, null],
    ['TBD', { ownerName: 'TBD' }, null],
    ['TBA', { ownerName: 'tba' }, null],
    ['a question mark', { ownerName: '?' }, null],
    ['everyone', { ownerName: 'everyone' }, null],
    ['all', { ownerName: 'All' }, null],
    ['on-call', { ownerName: 'on-call' }, null],
    ['oncall', { ownerName: 'oncall' }, null],
    ['the payments on-call', { ownerName: 'payments on-call' }, null],
    ['engineering', { ownerName: 'Engineering' }, null],
    ['DevOps', { ownerName: 'DevOps' }, null],
    ['two functions', { ownerName: 'Data Eng' }, null],
    ['a list with and', { ownerName: 'Alice and Bob' }, null],
    ['a list with a comma', { ownerName: 'Alice, Bob' }, null],
    ['a list with a slash', { ownerName: 'Alice / Bob' }, null],
    ['a list with an ampersand', { ownerName: 'Alice & Bob' }, null],
    ['an unknown id', { ownerId: 'p-404' }, person({ found: false, active: false, name: '' })],
    ['an inactive person', { ownerId: ID }, person({ active: false, name: 'Peter Novak' })],
  ] as [string, Partial<ActionItemDraft>, ResolvedOwner | null][])('is an error for %s', (_, draft, owner) => {
    const findings = ownedRule({ title, ...draft }, ctx(owner));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'owned', severity: 'error' });
  });

  it.each([
    ['a Jira-bound item', { ownerId: ID, tracker: jira }],
    ['a GitHub-bound item', { ownerId: ID, tracker: { kind: 'github' as const } }],
    ['an item bound by connection only', { ownerId: ID, tracker: { connectionId: 'conn-2' } }],
  ] as [string, Partial<ActionItemDraft>][])('warns when the owner has no tracker identity on %s', (_, draft) => {
    const findings = ownedRule({ title, ...draft }, ctx(person({ hasTrackerIdentity: false })));
    expect(findings).toEqual([expect.objectContaining({ rule: 'owned', severity: 'warning' })]);
    expect(findings[0].message).toContain('Lena Fischer');
  });

  it.each([
    ['Marcus Lee'],
    ['Priya Raman'],
    ['Tomás Herrera'],
    ['Aisha Karim'],
    ['Omar'],
    ['Jean-Luc Moreau'],
    ["Siobhan O'Neill"],
    ['María José García'],
    ['  Priya Raman  '],
    ['marcus.lee@example.com'],
    ['@mlee'],
    ['Dev Patel'],
  ])('accepts the person %p', (ownerName) => {
    expect(ownedRule({ title, ownerName }, ctx())).toEqual([]);
  });

  it.each([
    ['an active person', {}, person()],
    ['a bound item whose owner has an identity', { tracker: jira }, person({ hasTrackerIdentity: true })],
    ['an unbound item', { tracker: null }, person({ hasTrackerIdentity: null })],
    ['an id the caller did not resolve', {}, null],
  ] as [string, Partial<ActionItemDraft>, ResolvedOwner | null][])('accepts an ownerId for %s', (_, draft, owner) => {
    expect(ownedRule({ title, ownerId: ID, ...draft }, ctx(owner))).toEqual([]);
  });

  it('prefers the resolved id over a team name typed beside it', () => {
    expect(ownedRule({ title, ownerId: ID, ownerName: 'Platform team' }, ctx(person()))).toEqual([]);
  });
});
