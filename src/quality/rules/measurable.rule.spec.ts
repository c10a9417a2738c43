import { DEFAULT_WINDOWS, type RuleContext } from '../quality.types.js';
import { measurableRule } from './measurable.rule.js';

const ctx: RuleContext = { today: '2026-11-21', windows: DEFAULT_WINDOWS, owner: null };
const check = (successCriteria: string | null, title = 'Add a synthetic login check from two regions') =>
  measurableRule({ title, successCriteria }, ctx);

describe('measurable rule', () => {
  it.each([
    [null],
    [''],
    ['   '],
    ['TBD'],
    ['n/a'],
    ['?'],
    ['Things are better'],
    ['Team is happy'],
    ['More reliable'],
    ['The checkout service is more stable'],
    ['Customers are less affected next time'],
    ['Deploys feel safer'],
    ['Latency improves'],
    ['Fewer pages for the on-call'],
    ['Alerting is better'],
    ['Engineers are aware of the new process'],
    ['Works fine'],
    ['Everything looks good in staging'],
    ['Handled'],
    ['Investigation finished'],
    ['The problem is resolved'],
    ['We are confident in the new setup'],
    ['Smoother releases'],
  ])('flags %p', (criteria) => {
    const findings = check(criteria);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'measurable', severity: 'error' });
    expect(findings[0].hint.length).toBeGreaterThan(20);
  });

  it.each([
    ['p99 under 50 ms for 7 days'],
    ['3 consecutive failures page the on-call'],
    ['Runbook page published'],
    ['CI job rejects CREATE INDEX without CONCURRENTLY'],
    ['Alert exists in Alertmanager'],
    ['Dashboard shows queue age per consumer'],
    ['Error rate below 0.5% over 30 days'],
    ['Zero manual restarts after the next rotation'],
    ['PR merged and deployed to production'],
    ['Synthetic check fails when the login page returns 500'],
    ['Config shows max_connections=400'],
    ['Reminder job posts to #oncall two days before due dates'],
    ['ADR merged with the decision'],
    ['Pool saturation above 90% pages within 3 minutes'],
    ['The migration linter blocks a test PR with a locking ALTER'],
    ['Backups restored in staging in under 2 hours'],
    ['Flag removed from the codebase'],
    ['Login service logs the key id of every rejected token'],
  ])('accepts %p', (criteria) => {
    expect(check(criteria)).toEqual([]);
  });

  it('points at the target already in the title when criteria are missing', () => {
    const [finding] = check(null, 'Reduce p99 checkout latency to 50 ms');
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('50 ms');
  });

  it('names the vague word', () => {
    expect(check('Logins are more reliable')[0].message).toContain('"more reliable"');
  });
});
