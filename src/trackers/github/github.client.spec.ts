import { githubApiUrl, githubError, nextLink } from './github.client.js';

describe('githubApiUrl', () => {
  it.each([
    [null, 'github.com', 'https://api.github.com'],
    ['https://api.github.com/', 'github.com', 'https://api.github.com'],
    ['https://github.com', 'github.com', 'https://api.github.com'],
    ['https://ghe.corp', 'enterprise', 'https://ghe.corp/api/v3'],
    ['https://ghe.corp/api/v3/', 'enterprise', 'https://ghe.corp/api/v3'],
    ['http://127.0.0.1:8080', 'github.com', 'http://127.0.0.1:8080'],
  ] as const)('%s (%s) -> %s', (input, flavor, expected) => {
    expect(githubApiUrl(input, flavor)).toBe(expected);
  });

  it('needs a server for Enterprise', () => {
    expect(() => githubApiUrl('', 'enterprise')).toThrow(/server URL/);
  });
});

describe('nextLink', () => {
  it('reads rel="next" from a Link header', () => {
    const link =
      '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"';
    expect(nextLink(link)).toBe('https://api.github.com/repositories/1/issues?page=2');
    expect(nextLink('<https://x/?page=1>; rel="prev"')).toBeNull();
    expect(nextLink(undefined)).toBeNull();
  });
});

describe('githubError', () => {
  const requestError = (status: number, message: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, response: { headers } });

  it.each([
    [requestError(404, 'Not Found'), 'NOT_FOUND', undefined],
    [requestError(410, 'This issue was deleted'), 'NOT_FOUND', undefined],
    [requestError(401, 'Bad credentials'), 'FORBIDDEN', undefined],
    [requestError(403, 'Resource not accessible by integration'), 'FORBIDDEN', undefined],
    [requestError(403, 'You have exceeded a secondary rate limit'), 'RATE_LIMITED', 60_000],
    [requestError(429, 'slow down', { 'retry-after': '3' }), 'RATE_LIMITED', 3000],
    [requestError(502, 'Bad Gateway'), 'TEMPORARY', undefined],
    [requestError(422, 'Validation Failed'), 'UNKNOWN', undefined],
    // Octokit reports a network failure as status 500 without a response.
    [
      Object.assign(new Error('fetch failed'), {
        status: 500,
        cause: { code: 'ECONNRESET', message: 'socket hang up' },
      }),
      'TEMPORARY',
      undefined,
    ],
  ])('%s -> %s', (error, code, retryAfterMs) => {
    expect(githubError(error, 1000)).toMatchObject({ code, retryAfterMs });
  });
});
