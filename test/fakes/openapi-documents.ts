import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The vendors' API descriptions the fakes are checked against, from inside the project:
 * GitHub's from the npm packages GitHub publishes them in, cut at load time to the paths
 * and webhooks we use (and every component they reference); Jira's subset is a fixture
 * reduced to its structure (test/fixtures/openapi/).
 */
export type ApiDocumentName = 'github-issues.json' | 'github-webhooks-issues.json' | 'jira-cloud-v3-issues.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The REST paths our GitHub adapter and fake use. */
export const GITHUB_PATHS = [
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/{issue_number}/labels',
  '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
  '/repos/{owner}/{repo}/labels',
  '/repos/{owner}/{repo}/labels/{name}',
  '/repos/{owner}/{repo}/milestones',
  '/repos/{owner}/{repo}/milestones/{milestone_number}',
  '/repos/{owner}/{repo}',
  '/repos/{owner}/{repo}/assignees/{assignee}',
  '/rate_limit',
  '/user',
  '/users/{username}',
  '/search/issues',
  '/repos/{owner}/{repo}/issues/comments/{comment_id}',
];

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export function loadApiDocument(name: ApiDocumentName): JsonObject {
  switch (name) {
    case 'github-issues.json': {
      const full = readJson(require.resolve('@octokit/openapi/generated/api.github.com.json'));
      return cut(full, { paths: GITHUB_PATHS });
    }
    case 'github-webhooks-issues.json': {
      const full = readJson(require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'));
      const webhooks = Object.keys((full.webhooks as JsonObject) ?? {}).filter(
        (k) => k.startsWith('issues-') || k === 'ping',
      );
      return cut(full, { webhooks });
    }
    case 'jira-cloud-v3-issues.json':
      return readJson(fixture('openapi/jira-cloud-v3-issues.json'));
  }
}

/** A file under test/fixtures, from the sources (Jest) or from their build under dist/ (benchmarks). */
function fixture(name: string): string {
  const beside = path.resolve(here, '../fixtures', name);
  return existsSync(beside) ? beside : path.resolve(here, '../../../test/fixtures', name);
}

function readJson(file: string): JsonObject {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
}

/** Keeps the named paths or webhooks and the transitive closure of the components they reference. */
export function cut(full: JsonObject, keep: { paths?: string[]; webhooks?: string[] }): JsonObject {
  const pick = (section: Json | undefined, names: string[] | undefined): JsonObject | undefined => {
    if (!names || !section || typeof section !== 'object' || Array.isArray(section)) return undefined;
    const missing = names.filter((n) => !(n in section));
    if (missing.length) throw new Error(`API description lacks ${missing.join(', ')}`);
    return Object.fromEntries(names.map((n) => [n, section[n]]));
  };
  const paths = pick(full.paths, keep.paths);
  const webhooks = pick(full.webhooks, keep.webhooks);
  const components = (full.components ?? {}) as Record<string, JsonObject>;
  const kept: Record<string, JsonObject> = {};
  const queue: Json[] = [paths ?? null, webhooks ?? null];
  while (queue.length) {
    const node = queue.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const m = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
        if (!m) continue;
        const [, kind, ref] = m;
        const name = ref.replace(/~1/g, '/').replace(/~0/g, '~');
        if (kept[kind]?.[name] !== undefined) continue;
        const target = components[kind]?.[name];
        if (target === undefined) throw new Error(`API description lacks ${value}`);
        (kept[kind] ??= {})[name] = target;
        queue.push(target);
      } else queue.push(value);
    }
  }
  const doc: JsonObject = { openapi: full.openapi, info: full.info };
  if (full.servers) doc.servers = full.servers;
  if (paths) doc.paths = paths;
  if (webhooks) doc.webhooks = webhooks;
  doc.components = kept;
  return doc;
}
