import { readSentence, regions, splitFirstSentence, unshouted } from './sentence.js';

const action = (text: string): string | null => {
  const s = readSentence(text);
  return s.verb < 0 ? null : s.tokens[s.verb].text;
};

describe('reading a sentence of an action item', () => {
  it('takes the first sentence of a paragraph, keeping its stop and abbreviations', () => {
    expect(splitFirstSentence('Move cron jobs to their own pool. They starved the API.')).toEqual({
      first: 'Move cron jobs to their own pool.',
      rest: 'They starved the API.',
    });
    expect(splitFirstSentence('Why did failover not trigger? Nobody knows').first).toBe(
      'Why did failover not trigger?',
    );
    expect(splitFirstSentence('Use a canary, e.g. 5% of traffic, for the API').first).toBe(
      'Use a canary, e.g. 5% of traffic, for the API',
    );
  });

  it.each([
    ['We should page the secondary after 10 minutes', 'page'],
    ['Marcus to add a lock timeout to every migration', 'add'],
    ['Consider to set up an alert on consumer lag', 'Consider'],
    ['Values increased to cope with peak load', 'increased'],
    ['Created a ticket to add a liveness probe to the exporter', 'add'],
    ['If the export job stalls, restart it', 'restart'],
    ['Therefore we need to find a way to stop the backlog', 'find'],
    ['Backfill the orders missing an invoice number', 'Backfill'],
    ['The importer should skip rows without a customer id', 'skip'],
  ])('finds the action in %p', (text, verb) => {
    expect(action(text)).toBe(verb);
  });

  it.each([['Circuit breaker implementation'], ['Search index rollover issues'], ['Gradual rollouts to reduce risk']])(
    'finds no action in the label %p',
    (text) => {
      expect(action(text)).toBeNull();
    },
  );

  it('tells the main clause from a condition and a purpose', () => {
    const s = readSentence('Alert the platform team when the queue is full to keep the backlog small');
    const role = (word: string) => regions(s)[s.tokens.findIndex((t) => t.text === word)];
    expect(role('team')).toBe('main');
    expect(role('queue')).toBe('condition');
    expect(role('backlog')).toBe('purpose');
    const coordinated = readSentence('Investigate the leak to learn more and publish the findings');
    expect(regions(coordinated)[coordinated.tokens.findIndex((t) => t.text === 'publish')]).toBe('main');
  });
});

describe('a shouted sentence', () => {
  it.each([
    ['IMPROVE LOGGING FOR PAYMENTS', 'Improve logging for payments'],
    ['PIN LIBSSL TO 3.0.13', 'Pin libssl to 3.0.13'],
    ['- ADD SSO TO ADMIN', '- Add sso to admin'],
  ])('%p is read in sentence case', (typed, read) => {
    expect(unshouted(typed)).toBe(read);
    expect(readSentence(typed).text).toBe(read);
  });

  it.each([['Add SSO to the admin panel'], ['DNS TTL'], ['SSO'], ['Move DNS to NS1']])(
    '%p is left as typed',
    (typed) => {
      expect(unshouted(typed)).toBe(typed);
    },
  );
});
