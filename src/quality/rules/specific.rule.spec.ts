import { DEFAULT_WINDOWS, type RuleContext } from '../quality.types.js';
import { isFieldList, specificRule } from './specific.rule.js';

const ctx: RuleContext = { today: '2026-11-21', windows: DEFAULT_WINDOWS, owner: null };
const check = (title: string) => specificRule({ title }, ctx);

describe('specific rule', () => {
  it.each([
    // The SRE book's own example, and its neighbours.
    ['Improve performance'],
    ['Improve database performance'],
    ['Optimize the checkout flow'],
    ['Reduce toil for the on-call rotation'],
    ['Increase test coverage of the billing module'],
    ['Make the search service better'],
    ['Make the rollout process more robust'],
    ['Ensure system stability'],
    // Inquiries without a deliverable.
    ['Look into certificate handling'],
    ['Look at the Grafana dashboards for the queue'],
    ['Investigate the database slowness further'],
    ['Keep an eye on replica lag after the upgrade'],
    ['Think about a different retry strategy for webhooks'],
    // Appeals to people rather than changes.
    ['Be more careful when deploying consumers'],
    ['Pay more attention to disk usage warnings'],
    ['Try harder to catch config typos in review'],
    // Open scope.
    ['Tune JVM settings as needed'],
    ['Refactor various parts of the ingestion code'],
    ['Update docs, runbooks, etc.'],
    ['Fix stuff in the deploy scripts'],
    ['Add more dashboards for the edge proxies'],
    // Nothing concrete to change.
    ['Prevent similar incidents in the future'],
    ['Add monitoring and alerting'],
    ['Address contributing factors from the incident'],
    // Questions.
    ['What caused the spike in 500s?'],
    ['Why is the cache cold after deploys'],
    ['Should we shard the orders table?'],
    // Too short.
    ['Investigate'],
    ['Cleanup'],
    ['Fix the bug'],
    // Casing and inflections do not hide a vague verb.
    ['IMPROVE LOGGING FOR PAYMENTS'],
    ['Improving the alert routing setup'],
    ['Improved observability for the payments service'],
  ])('flags %p', (title) => {
    const findings = check(title);
    expect(findings).toHaveLength(1);
    // Borderline items (a direction without a target, an inquiry without an output, a generic
    // object) are warnings with a hint since issue 10; errors are kept for non-actions.
    const clearlyNoAction = /\?$|^(why|what) |careful|attention|try harder/i.test(title);
    expect(findings[0]).toMatchObject({ rule: 'specific', severity: clearlyNoAction ? 'error' : 'warning' });
    expect(findings[0].hint).toContain('→');
    // The evidence points at the words that triggered the finding.
    for (const e of findings[0].evidence) expect(title.slice(e.start, e.end)).toBe(e.text);
  });

  it.each([
    ['Reduce p99 latency of the checkout API to 50 ms'],
    ['Improve p99 checkout latency to 50 ms'],
    ['Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows'],
    ['Investigate why the session cache ignored key rotation headers and publish findings with follow-up tickets'],
    ['Look into the cause of the 02:00 lag spikes and write up a recommendation'],
    ['Evaluate Vitess for the orders database and present a go/no-go proposal'],
    ['Review all cron schedules for DST handling and file a ticket per affected job'],
    ['Alert when queue age exceeds 10 minutes for 5 minutes'],
    ['Rotate the Stripe webhook signing secret'],
    ['Make certificate rotation no longer require a restart of the gateway pods'],
    ['Lower the pool saturation alert delay from 15 to 3 minutes'],
    ['Block schema migrations between 12:00 and 20:00 UTC unless approved'],
    ['Enforce read-only mode on the reporting replica'],
    ['Document the manual failover procedure for the Redis cluster in the runbook'],
    ['Marcus to add a lock_timeout of 5 s to every migration'],
    ['We should page the secondary on-call after 10 unacknowledged minutes'],
    ['Increase Kafka partitions for orders-events from 12 to 48'],
    ['Ensure every Kafka topic has a dead-letter queue with an alert at depth 1'],
    ['Halve the Docker image size of the API service'],
    ['Retire the legacy cron host batch-01 after moving its 6 jobs'],
    ['Speed up the integration suite from 40 to 15 minutes by running shards in parallel'],
    ['Add a runbook link to the disk-full alert'],
    ['Move session storage off the shared Redis to a dedicated cluster'],
    ["Replace the hand-rolled retry loop in the mailer with the SDK's backoff"],
    ['Reject pushes to main that skip the required status checks'],
    ['Stop the image worker from retrying permanent 4xx errors'],
    ['Migrate DNS for example.com from the registrar to Route 53'],
    ['Pair with Dana to script the certificate rollover'],
    ['Turn off the debug logging flag in production for the auth service'],
    ['Shorten the JWT lifetime from 24 hours to 1 hour'],
    ['Capture a heap dump automatically when the API pods exceed 90% memory'],
    ['Write an ADR comparing managed and self-hosted Elasticsearch'],
    ['Fix the race in the session cache eviction'],
  ])('accepts %p', (title) => {
    expect(check(title)).toEqual([]);
  });

  it('does not let tracker fields in the description make a vague title concrete', () => {
    expect(isFieldList('Type: prevention; Owner: core team; Status: TODO')).toBe(true);
    expect(isFieldList('Cap the pool at 20: it was 200 before')).toBe(false);
    const draft = {
      title: 'Figure out the upgrade process',
      description: 'Type: prevent; Owner: platform; Notes: TBD',
    };
    expect(specificRule(draft, ctx).map((f) => f.severity)).toEqual(['warning']);
  });

  it('points its evidence at the words that stand for unstated content', () => {
    const [finding] = check('We will document best practices for deploys');
    expect(finding.evidence).toEqual([{ field: 'title', start: 17, end: 31, text: 'best practices' }]);
  });

  it('reads the entry after an owner in parentheses, a ticket address or a tag and a dash', () => {
    for (const prefix of ['(ops team) ', 'https://tracker.example.com/issues/77 - ', '[OPS-12] - ']) {
      expect(check(`${prefix}Pin libssl to 3.0.13 in the base image`)).toEqual([]);
      const [finding] = check(`${prefix}Look into the disk alerts`);
      expect(finding.message).toContain('"Look into"');
    }
  });

  it('accepts a better watch when the signal it will catch is named', () => {
    for (const title of [
      'Enhance monitoring to detect queue buildup on the export workers',
      'Improved alerting for replication backlog thresholds',
      'Improve monitoring to identify when the billing portal is down',
    ])
      expect(check(title)).toEqual([]);
    for (const title of [
      'Improve monitoring',
      'Improve monitoring and alerting',
      'Improving the alert routing setup',
      'Improved monitoring for future incidents',
    ])
      expect(check(title).map((f) => f.severity)).toEqual(['warning']);
  });

  it('reads a failure reported as the title as an observation, but not a requirement', () => {
    expect(check('The nightly export job did not run on Sunday')[0].severity).toBe('error');
    expect(check('The importer never deletes source files')).toEqual([]);
  });

  it('reads hindsight as the item only when the sentence opens with it', () => {
    expect(check('If we had watched the queue depth, we could have paused the import')[0].severity).toBe('error');
    expect(
      check('We added an alert on the hourly job count, which we believe would have flagged the stalled importer'),
    ).toEqual([]);
  });

  it('explains which word made the title vague', () => {
    expect(check('Harden the API gateway')[0].message).toContain('"Harden"');
    expect(check('Look into certificate handling')[0].message).toContain('"Look into"');
    expect(check('Fix DNS')[0].message).toContain('too short');
  });
});
