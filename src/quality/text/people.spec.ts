import { tokenize } from './normalize.js';
import { classifyOwnerName } from './owner-name.js';
import { isNameLike, personObjectAfter } from './people.js';
import { findAttitude, findComparative, findVagueOutcome } from './vague.js';

describe('isNameLike', () => {
  const at = (text: string, word: string) => {
    const tokens = tokenize(text);
    return isNameLike(tokens.find((t) => t.text === word)!);
  };

  it.each([
    ['Ask Priya to review', 'Priya', true],
    ['Marcus failed to check', 'Marcus', true],
    ['Move logs to Postgres', 'Postgres', false],
    ['Backup failed to complete', 'Backup', false],
    ['Ship it on Friday', 'Friday', false],
    ['call the API', 'API', false],
  ])('%p: %p is a name: %p', (text, word, expected) => {
    expect(at(text, word)).toBe(expected);
  });
});

describe('personObjectAfter', () => {
  it.each([
    ['Retrain the on-call engineers', 2],
    ['Remind Bob', 1],
    ['Make the deploy tool refuse', -1],
    ['Retrain the fraud model', -1],
    ['Require two approvals on PRs', -1],
  ])('%p -> %p', (text, expected) => {
    expect(personObjectAfter(tokenize(text), 0)).toBe(expected);
  });
});

describe('classifyOwnerName', () => {
  it.each([
    ['Marcus Lee', 'person'],
    ['', 'empty'],
    ['TBD', 'placeholder'],
    ['Platform team', 'team'],
    ['payments-oncall', 'team'],
    ['sre@example.com', 'group-alias'],
    ['Alice and Bob', 'several'],
  ])('%p is %p', (name, kind) => {
    expect(classifyOwnerName(name)).toBe(kind);
  });
});

describe('vague wording', () => {
  it('finds comparatives without a baseline', () => {
    expect(findComparative(tokenize('Make deploys safer'))).toBe('safer');
    expect(findComparative(tokenize('more than 100 messages'))).toBeNull();
  });

  it('finds unverifiable outcomes', () => {
    expect(findVagueOutcome(tokenize('Works as expected'))).toBe('as expected');
    expect(findVagueOutcome(tokenize('Alert fires at 90%'))).toBeNull();
  });

  it('ignores negated appeals to attention', () => {
    expect(findAttitude(tokenize('Tell people to pay attention'))?.words).toBe('pay attention');
    expect(findAttitude(tokenize('so responders no longer need to pay attention to 40 dashboards'))).toBeNull();
  });
});
