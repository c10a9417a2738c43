import { hmacSha256Hex, signedBy } from './webhook-signature.js';

describe('webhook signatures', () => {
  const body = Buffer.from('Hello, World!');
  const secret = "It's a Secret to Everybody";
  const vector = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
  const secretOf = (c: { secret: string }) => c.secret;

  it("matches GitHub's documented test vector", () => {
    expect(hmacSha256Hex(secret, body)).toBe(vector);
  });

  it('finds the connection whose secret signed the body, among several', () => {
    const a = { id: 'a', secret: 'other secret' };
    const b = { id: 'b', secret };
    expect(signedBy(`sha256=${vector}`, body, [a, b], secretOf)).toEqual([b]);
    expect(signedBy(`sha256=${vector.toUpperCase()}`, body, [a, b], secretOf)).toEqual([b]);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the digest without the sha256= prefix', vector],
    ['a sha1 signature', `sha1=${vector.slice(0, 40)}`],
    ['a truncated digest', `sha256=${vector.slice(0, 63)}`],
    ['a digest of another body', `sha256=${hmacSha256Hex(secret, 'Hello, World?')}`],
    ['non-hex characters', `sha256=${'z'.repeat(64)}`],
  ])('rejects %s', (_name, header) => {
    expect(signedBy(header, body, [{ secret }], secretOf)).toEqual([]);
  });

  it('rejects everything when there is no candidate', () => {
    expect(signedBy(`sha256=${vector}`, body, [], secretOf)).toEqual([]);
  });
});
