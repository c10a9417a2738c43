import { DEFAULT_WINDOWS, type ActionItemDraft, type RuleContext } from '../quality.types.js';
import { blamelessRule } from './blameless.rule.js';

const ctx: RuleContext = { today: '2026-11-21', windows: DEFAULT_WINDOWS, owner: null };
type Field = 'title' | 'description' | 'successCriteria';
const draftWith = (field: Field, text: string): ActionItemDraft => ({
  title: 'Add a lock_timeout to migrations',
  [field]: text,
});

describe('blameless rule', () => {
  it.each([
    ['title', 'Marcus should have checked the migration before deploying'],
    ['title', "Shouldn't have deployed on a Friday afternoon"],
    ['description', "The DBA should've known about the lock"],
    ['description', 'The team could have caught this in review'],
    ['description', 'We would have noticed sooner with the queue dashboard'],
    ['title', 'Human error during the deploy'],
    ['description', 'Operator error caused the outage'],
    ['description', 'The outage was caused by human error'],
    ['title', 'Retrain the on-call engineers to be more careful with certificates'],
    ['title', 'Train Omar on the deploy tool'],
    ['title', "Remove Alice's access to production"],
    ['title', 'Remove Tom from the deployers group'],
    ['description', 'When Bob forgot to renew the certificate, logins failed'],
    ['description', 'Someone should have noticed sooner'],
    ['description', 'We should have noticed the disk filling up'],
    ['description', 'Bob should have seen the page'],
    ['title', 'Revoke his deploy rights'],
    ['title', 'Tell engineers to pay attention to alerts'],
    ['title', 'Remind people to be careful with feature flags'],
    ['title', 'Ask the on-call to double-check every config push'],
    ['title', 'Make sure Marcus double-checks the cron expression'],
    ['title', 'Discipline the engineer responsible'],
    ['title', 'Reprimand whoever pushed the config'],
    ['title', 'Punish the developer who merged without review'],
    ['title', 'Hold the on-call accountable for missed pages'],
    ['description', "It was Bob's fault"],
    ['description', 'Dana failed to follow the runbook'],
    ['description', 'Engineers forgot to drain the node first'],
    ['description', 'The operator ignored the low disk warning'],
    ['description', 'Bob dropped the ball on the renewal'],
    ['description', 'Careless handling of the secrets file'],
    ['description', 'Negligence by the release manager'],
    ['description', 'Sloppy review let the bug through'],
    ['description', 'Blame lies with the vendor'],
    ['title', 'BLAMED THE INTERN FOR THE OUTAGE'],
    ['successCriteria', 'Nobody makes this mistake again'],
    ['successCriteria', 'The on-call no longer fails to escalate'],
  ] as [Field, string][])('flags %s %p', (field, text) => {
    const findings = blamelessRule(draftWith(field, text), ctx);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'blameless', severity: 'error' });
    expect(findings[0].hint).toContain('→');
  });

  it.each([
    ['title', 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows'],
    ['title', 'Pair with Dana to document the failover runbook'],
    ['description', 'Marcus identified the lock holder through pg_stat_activity'],
    ['title', 'Make certificate rotation no longer require a manual restart'],
    ['title', 'The deploy should not require manual approval for config-only changes'],
    ['successCriteria', 'Every paging alert should have a runbook link'],
    ['title', 'Alert when the backup job fails to complete within 2 hours'],
    ['title', 'Backups no longer fail silently when the disk is full'],
    ['title', 'Run a blameless review of the failover drill'],
    ['title', 'Add fault injection for the payment gateway timeouts'],
    ['title', 'Prevent operator error during failover by requiring the cluster name'],
    ['description', 'The script should make that kind of mistake impossible'],
    ['title', 'Train the on-call rotation on the new failover runbook'],
    ['title', 'Give the support team read access to the order admin'],
    ['title', 'Remove the shared admin account from the bastion hosts'],
    ['title', 'Remind owners two days before an item is due'],
    ['title', 'Retrain the fraud model on the last 90 days of data'],
    ['title', 'Page the on-call when the error budget burn rate exceeds 10x'],
    ['description', 'Dana will present the new escalation policy at the ops review'],
    ['title', 'Failing over no longer requires a manual DNS change'],
    ['title', 'Alert when the consumer misses 3 heartbeats'],
    ['description', 'Automate the steps that currently rely on someone remembering to run them'],
    ['title', 'Document what responders should check first when the queue backs up'],
    ['title', 'Ask Lena to present the queue-age alert at the ops review'],
    ['description', 'git blame shows the config change landed in PR 812'],
    ['description', 'The new check would catch the missing index in CI'],
    ['title', 'Backfill the orders missing invoice numbers'],
    ['description', 'Today someone has to restart every pod after a rotation'],
    ['title', "Reduce the login service's key cache TTL to 5 minutes"],
    ['title', 'Remove Jenkins from the deploy critical path'],
    ['title', 'Remove Memcached from the session path'],
    ['title', 'Add an alert for when engineers forget to close the incident channel'],
    ['successCriteria', 'Every service should have automated backups'],
    // The team expected a signal the alerting did not send: a finding about the alerting.
    ['description', 'We should have received a page when the disk filled'],
    ['description', 'I think we should have been alerted about this'],
    // Software named after a role, and a passive with no person as its agent.
    ['title', 'Find out why the cert-operator failed to renew the staging certificate'],
    ['description', 'Only the listed upstreams are used; any others in the config file are ignored.'],
  ] as [Field, string][])('accepts %s %p', (field, text) => {
    expect(blamelessRule(draftWith(field, text), ctx)).toEqual([]);
  });

  it('still finds a person as the agent of a passive failure, or behind a prefix', () => {
    const [finding] = blamelessRule({ title: 'The disk alert was ignored by the on-call engineer' }, ctx);
    expect(finding.message).toContain('makes a person the cause');
    // A prefix such as "sub-" does not make a person into software.
    expect(blamelessRule({ title: 'The sub-contractor failed to renew the certificate' }, ctx)).toHaveLength(1);
  });

  it('says where the blame is and proposes a systemic rewording', () => {
    const [finding] = blamelessRule(
      { title: 'Add a confirmation prompt to failover', description: 'Root cause: human error.' },
      ctx,
    );
    expect(finding.message).toContain('description');
    expect(finding.message).toContain('"human error"');
    expect(finding.hint).toMatch(/guardrail/);
  });
});
