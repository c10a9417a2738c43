import { LinkSigner } from './signed-links.js';

describe('LinkSigner', () => {
  const signer = new LinkSigner(Buffer.alloc(32, 1));
  const claim = { a: 'unsubscribe', person: '7b1f0a52-0000-4000-8000-000000000001', list: 'digest' } as const;

  it('verifies its own tokens', () => {
    expect(signer.verify(signer.sign(claim))).toEqual(claim);
  });

  it.each([
    ['another key', new LinkSigner(Buffer.alloc(32, 2)).sign(claim)],
    ['an altered payload', signer.sign(claim).replace(/^[^.]+/, Buffer.from('{"a":"ack"}').toString('base64url'))],
    ['a truncated signature', signer.sign(claim).slice(0, -2)],
    ['no signature', signer.sign(claim).split('.')[0]],
    ['garbage', 'not-a-token'],
    ['a number', 42],
  ])('rejects %s', (_what, token) => {
    expect(signer.verify(token)).toBeNull();
  });
});
