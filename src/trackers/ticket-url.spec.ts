import { parseTicketUrl } from './ticket-url.js';

describe('parseTicketUrl', () => {
  it.each([
    [
      'https://acme.atlassian.net/browse/OPS-12',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-12' },
    ],
    [
      'https://acme.atlassian.net/browse/OPS-12?focusedCommentId=100&page=x',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-12' },
    ],
    [
      'https://acme.atlassian.net/browse/OPS-12#comment-1',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-12' },
    ],
    [
      '  https://acme.atlassian.net/browse/ops-7  ',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-7' },
    ],
    [
      'https://acme.atlassian.net/browse/OPS_2-3',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS_2-3' },
    ],
    ['https://jira.corp.example/browse/SRE-1', { kind: 'jira', baseUrl: 'https://jira.corp.example', key: 'SRE-1' }],
    ['https://corp.example/jira/browse/SRE-1', { kind: 'jira', baseUrl: 'https://corp.example/jira', key: 'SRE-1' }],
    ['http://127.0.0.1:8080/browse/SRE-1', { kind: 'jira', baseUrl: 'http://127.0.0.1:8080', key: 'SRE-1' }],
    [
      'https://acme.atlassian.net/jira/software/projects/OPS/boards/1?selectedIssue=OPS-44',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-44' },
    ],
    [
      'https://acme.atlassian.net/jira/software/c/projects/OPS/issues/OPS-45',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-45' },
    ],
    [
      'https://corp.example/jira/secure/RapidBoard.jspa?rapidView=3&selectedIssue=SRE-9',
      { kind: 'jira', baseUrl: 'https://corp.example/jira', key: 'SRE-9' },
    ],
    [
      'https://acme.atlassian.net/rest/api/2/issue/OPS-12',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'OPS-12' },
    ],
    [
      'https://acme.atlassian.net/jira/servicedesk/projects/HELP/queues/custom/1/HELP-5',
      { kind: 'jira', baseUrl: 'https://acme.atlassian.net', key: 'HELP-5' },
    ],
    ['OPS-12', { kind: 'jira', key: 'OPS-12', baseUrl: null }],
    ['ops-12', { kind: 'jira', key: 'OPS-12', baseUrl: null }],
    [
      'https://github.com/acme/api/issues/12',
      { kind: 'github', repo: 'acme/api', number: 12, apiHint: 'https://api.github.com' },
    ],
    [
      'https://github.com/acme/api/issues/12?q=1#issuecomment-99',
      { kind: 'github', repo: 'acme/api', number: 12, apiHint: 'https://api.github.com' },
    ],
    [
      'https://github.com/acme/api.js/issues/3/',
      { kind: 'github', repo: 'acme/api.js', number: 3, apiHint: 'https://api.github.com' },
    ],
    [
      'https://github.example.com/platform/web/issues/7',
      { kind: 'github', repo: 'platform/web', number: 7, apiHint: 'https://github.example.com/api/v3' },
    ],
    [
      'https://api.github.com/repos/acme/api/issues/12',
      { kind: 'github', repo: 'acme/api', number: 12, apiHint: 'https://api.github.com' },
    ],
    [
      'https://github.example.com/api/v3/repos/platform/web/issues/7',
      { kind: 'github', repo: 'platform/web', number: 7, apiHint: 'https://github.example.com/api/v3' },
    ],
    ['acme/api#12', { kind: 'github', repo: 'acme/api', number: 12, apiHint: null }],
  ])('%s', (input, expected) => {
    expect(parseTicketUrl(input)).toEqual(expected);
  });

  it.each([
    '',
    'hello',
    'OPS-0',
    'OPS-',
    '12',
    '1OPS-2',
    'https://github.com/acme/api/pull/12',
    'https://github.com/acme/api/issues',
    'https://github.com/acme/api/issues/abc',
    'https://github.com/acme/api/issues/0',
    'https://github.com/acme/api/issues/12/events',
    'https://github.com/acme/api/issues/99999999999999999999',
    'https://api.github.com/repos/acme/api/pulls/12',
    'https://acme.atlassian.net/browse/',
    'https://acme.atlassian.net/browse/not a key',
    'https://acme.atlassian.net/jira/software/projects/OPS/boards/1',
    'https://example.com/some/page',
    'ftp://github.com/acme/api/issues/1',
    'javascript:alert(1)',
    'acme/api#x',
  ])('rejects %j', (input) => {
    expect(parseTicketUrl(input)).toBeNull();
  });
});
