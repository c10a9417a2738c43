import { clearTagCache, isKnownWord, startsWithAction, tagAsCommand, tagAsTyped, wordTag } from './nlp.js';

describe('part-of-speech layer', () => {
  it('returns tags, not the words (wink-nlp only recognises its own helper functions)', () => {
    expect(tagAsTyped('Improve performance').map((t) => t.pos)).toEqual(['VERB', 'NOUN']);
  });

  it('keeps offsets into the text as given, for both readings', () => {
    const typed = tagAsTyped('  Fix the DNS record');
    expect(typed[0]).toMatchObject({ text: 'Fix', start: 2, end: 5 });
    const command = tagAsCommand('Document the failover');
    expect(command[0]).toMatchObject({ text: 'document', pos: 'VERB', start: 0, end: 8 });
  });

  it('tells a command from a label or a report', () => {
    expect(startsWithAction('Pin libssl to 3.0.13')).toBe(true);
    expect(startsWithAction('Store the session cache on a dedicated cluster')).toBe(true);
    expect(startsWithAction('Connection pool limits')).toBe(false);
    // An imperative is the bare verb: a plural noun in front is a subject.
    expect(startsWithAction('Engineers from two teams reviewing the pipeline')).toBe(false);
  });

  it('reads a word on its own, for morphology', () => {
    expect(wordTag('long')).toBe('ADJ');
  });

  it('tells words of the lexicon from tools and jargon, whatever was read before', () => {
    tagAsTyped('Restart pgbouncer on the kubelet hosts');
    clearTagCache();
    expect(isKnownWord('process')).toBe(true);
    expect(isKnownWord('Coverage')).toBe(true);
    expect(isKnownWord('pgbouncer')).toBe(false);
    expect(isKnownWord('kubelet')).toBe(false);
  });
});
