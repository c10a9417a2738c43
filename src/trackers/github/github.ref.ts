import { hostOf, httpUrl, type TicketRef, type TicketRefInfo } from '../tracker-kind.js';

/** A pasted GitHub reference: the issue, with the API URL its host implies when it was a link. */
export type GithubRef = { kind: 'github'; repo: string; number: number; apiHint: string | null };

const GITHUB_NAME = /^[\w.-]+$/;

/**
 * A GitHub issue URL (github.com, Enterprise, or their API URLs) or `owner/repo#12`; null for
 * anything else, pull requests included. Expects trimmed text.
 */
export function parseGithubRef(text: string): GithubRef | null {
  const shorthand = text.match(/^([\w.-]+)\/([\w.-]+)#(\d+)$/);
  if (shorthand) return github(shorthand[1], shorthand[2], shorthand[3], null);
  const url = httpUrl(text);
  return url ? githubFromUrl(url) : null;
}

export function describeGithubRef(ref: TicketRef): TicketRefInfo {
  if (ref.kind !== 'github') throw new Error(`not a GitHub reference: ${ref.kind}`);
  const gh = ref as GithubRef;
  return {
    key: `${gh.repo}#${gh.number}`,
    target: gh.repo,
    host: gh.apiHint ? hostOf(gh.apiHint) : null,
    baseUrl: null,
  };
}

function github(owner: string, repo: string, digits: string, apiHint: string | null): GithubRef | null {
  const number = Number(digits);
  if (!GITHUB_NAME.test(owner) || !GITHUB_NAME.test(repo) || !Number.isSafeInteger(number) || number < 1) return null;
  return { kind: 'github', repo: `${owner}/${repo.replace(/\.git$/, '')}`, number, apiHint };
}

function githubFromUrl(url: URL): GithubRef | null {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const host = url.host.toLowerCase();
  // API URLs: api.github.com/repos/o/r/issues/N and <ghe>/api/v3/repos/o/r/issues/N.
  const apiPrefix = host === 'api.github.com' ? 0 : segments[0] === 'api' && segments[1] === 'v3' ? 2 : -1;
  if (apiPrefix >= 0) {
    const [repos, owner, repo, issues, n, ...rest] = segments.slice(apiPrefix);
    if (repos !== 'repos' || issues !== 'issues' || rest.length || !/^\d+$/.test(n ?? '')) return null;
    return github(owner, repo, n, `${url.origin}${apiPrefix ? '/api/v3' : ''}`);
  }
  const [owner, repo, issues, n, ...rest] = segments;
  if (issues !== 'issues' || !/^\d+$/.test(n ?? '') || rest.length > 0) return null;
  return github(
    owner,
    repo,
    n,
    host === 'github.com' || host === 'www.github.com' ? 'https://api.github.com' : `${url.origin}/api/v3`,
  );
}
