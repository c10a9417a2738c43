import { csvField, csvLine } from './csv.js';

describe('csv', () => {
  it.each([
    [null, ''],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['-1', "'-1"],
    [3, '3'],
    [new Date('2026-06-01T00:00:00Z'), '2026-06-01T00:00:00.000Z'],
  ])('%p is written as %p', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
