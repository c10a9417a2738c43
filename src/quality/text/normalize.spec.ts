import { findPhrase, isNegated, phrase, stem, tokenize } from './normalize.js';

describe('stem', () => {
  it.each([
    [['improve', 'improved', 'improves', 'improving', 'Improve'], 'improv'],
    [['check', 'checks', 'checked', 'checking'], 'check'],
    [['fail', 'fails', 'failed', 'failing'], 'fail'],
    [['retry', 'retries', 'retried'], 'retry'],
    [['run', 'runs', 'running'], 'run'],
    [['fix', 'fixes', 'fixed', 'fixing'], 'fix'],
    [['blame', 'blamed', 'blames', 'blaming'], 'blam'],
    [['page', 'pages', 'paged', 'paging'], 'pag'],
    [['engineer', 'engineers'], 'engineer'],
  ])('maps %p to one stem', (words, expected) => {
    expect(new Set(words.map(stem))).toEqual(new Set([expected]));
  });

  it.each([
    ['blameless', 'blameless'],
    ['careless', 'careless'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['speed', 'speed'],
    ['need', 'need'],
    ['the', 'the'],
    ['café', 'café'],
  ])('leaves %p alone where stripping would change the word', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('lowercases, strips punctuation and keeps the typed form', () => {
    const tokens = tokenize('Add an ALERT (queue-age), now!');
    expect(tokens.map((t) => t.lower)).toEqual(['add', 'an', 'alert', 'queue', 'age', 'now']);
    expect(tokens[2].text).toBe('ALERT');
  });

  it('keeps dotted names, numbers with separators and contractions whole', () => {
    expect(tokenize("api.example.com 3,400 can't").map((t) => t.lower)).toEqual(['api.example.com', '3,400', "can't"]);
  });

  it('marks possessives and drops the suffix', () => {
    const [kenji, access] = tokenize("Kenji's access");
    expect(kenji).toMatchObject({ text: 'Kenji', possessive: true });
    expect(access.possessive).toBe(false);
  });

  it('writes every spelling of on-call the same way', () => {
    expect(tokenize('on-call, on call, oncall, On-Call').map((t) => t.lower)).toEqual([
      'oncall',
      'oncall',
      'oncall',
      'oncall',
    ]);
  });

  it('splits clauses at punctuation and marks clause starts', () => {
    const tokens = tokenize('Cache failed; Bob restarted it');
    expect(tokens.map((t) => t.clause)).toEqual([0, 0, 1, 1, 1]);
    expect(tokens.filter((t) => t.clauseStart).map((t) => t.text)).toEqual(['Cache', 'Bob']);
  });

  it('handles empty input', () => {
    expect(tokenize(null)).toEqual([]);
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('phrases', () => {
  it('matches inflected forms', () => {
    expect(findPhrase(tokenize('We looked into the cache'), phrase('look into'))).toBe(1);
    expect(tokenize('Double-checks').map((t) => t.stem)).toEqual(phrase('double check'));
  });

  it('does not match across a clause boundary', () => {
    expect(findPhrase(tokenize('Take a look. Into the cache'), phrase('look into'))).toBe(-1);
  });
});

describe('isNegated', () => {
  it.each([
    ['no longer requires manual steps', 'manual', true],
    ['should not require a restart', 'require', true],
    ["doesn't need approval", 'need', true],
    ['without blame', 'blame', true],
    ['requires manual steps', 'manual', false],
    ['Not now. Manual steps', 'manual', false],
  ])('%p: is %p negated', (text, word, expected) => {
    const tokens = tokenize(text);
    expect(
      isNegated(
        tokens,
        tokens.findIndex((t) => t.lower === word),
      ),
    ).toBe(expected);
  });
});
