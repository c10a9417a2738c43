/**
 * The large, mostly constant JSON shapes GitHub returns for users and repositories, with
 * every property its OpenAPI description requires. Kept apart from the fake's behaviour.
 */
export interface GithubUrls {
  /** API root, e.g. http://127.0.0.1:port or …/api/v3. */
  api: string;
  /** Web root. */
  web: string;
}

export function userJson(urls: GithubUrls, login: string, id: number) {
  const url = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `${urls.web}/avatars/${login}`,
    gravatar_id: '',
    url,
    html_url: `${urls.web}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    site_admin: false,
    user_view_type: 'public',
  };
}

/** GET /user for the token's owner: the private view. */
export function privateUserJson(urls: GithubUrls, login: string, id: number) {
  const created = '2020-01-01T00:00:00Z';
  return {
    ...userJson(urls, login, id),
    user_view_type: 'private',
    name: 'Remediation Bot',
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function repoJson(
  urls: GithubUrls,
  repo: { id: number; owner: string; name: string; openIssues: number },
  owner: ReturnType<typeof userJson>,
) {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}`;
  const html = `${urls.web}/${full}`;
  const link = (path: string) => `${api}/${path}`;
  const created = '2020-01-01T00:00:00Z';
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: full,
    owner,
    private: true,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    archive_url: link('{archive_format}{/ref}'),
    assignees_url: link('assignees{/user}'),
    blobs_url: link('git/blobs{/sha}'),
    branches_url: link('branches{/branch}'),
    collaborators_url: link('collaborators{/collaborator}'),
    comments_url: link('comments{/number}'),
    commits_url: link('commits{/sha}'),
    compare_url: link('compare/{base}...{head}'),
    contents_url: link('contents/{+path}'),
    contributors_url: link('contributors'),
    deployments_url: link('deployments'),
    downloads_url: link('downloads'),
    events_url: link('events'),
    forks_url: link('forks'),
    git_commits_url: link('git/commits{/sha}'),
    git_refs_url: link('git/refs{/sha}'),
    git_tags_url: link('git/tags{/sha}'),
    git_url: `git://127.0.0.1/${full}.git`,
    hooks_url: link('hooks'),
    issue_comment_url: link('issues/comments{/number}'),
    issue_events_url: link('issues/events{/number}'),
    issues_url: link('issues{/number}'),
    keys_url: link('keys{/key_id}'),
    labels_url: link('labels{/name}'),
    languages_url: link('languages'),
    merges_url: link('merges'),
    milestones_url: link('milestones{/number}'),
    notifications_url: link('notifications{?since,all,participating}'),
    pulls_url: link('pulls{/number}'),
    releases_url: link('releases{/id}'),
    ssh_url: `git@127.0.0.1:${full}.git`,
    stargazers_url: link('stargazers'),
    statuses_url: link('statuses/{sha}'),
    subscribers_url: link('subscribers'),
    subscription_url: link('subscription'),
    tags_url: link('tags'),
    teams_url: link('teams'),
    trees_url: link('git/trees{/sha}'),
    clone_url: `${html}.git`,
    mirror_url: null,
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 1,
    default_branch: 'main',
    open_issues: repo.openIssues,
    open_issues_count: repo.openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    license: null,
    pushed_at: created,
    created_at: created,
    updated_at: created,
  };
}
