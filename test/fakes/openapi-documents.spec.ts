import { cut, GITHUB_PATHS, loadApiDocument, type ApiDocumentName } from './openapi-documents.js';

/** Every `$ref` in a document, as written. */
function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  return out;
}

function resolves(doc: Record<string, unknown>, ref: string): boolean {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: unknown = doc;
  for (const p of parts)
    node = (node as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node !== undefined;
}

describe('vendor API descriptions, loaded from inside the project', () => {
  it.each<[ApiDocumentName, string]>([
    ['github-issues.json', 'paths'],
    ['github-webhooks-issues.json', 'webhooks'],
    ['jira-cloud-v3-issues.json', 'paths'],
  ])('%s is self-contained: every $ref resolves inside it', (name, section) => {
    const doc = loadApiDocument(name);
    expect(Object.keys(doc[section] as object).length).toBeGreaterThan(0);
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !resolves(doc, r))).toEqual([]);
  });

  it('keeps exactly the GitHub paths the adapter uses, and every issues webhook action', () => {
    expect(Object.keys(loadApiDocument('github-issues.json').paths as object)).toEqual(GITHUB_PATHS);
    const hooks = Object.keys(loadApiDocument('github-webhooks-issues.json').webhooks as object);
    expect(hooks).toEqual(expect.arrayContaining(['issues-opened', 'issues-closed', 'issues-pinned', 'ping']));
    expect(hooks.every((h) => h === 'ping' || h.startsWith('issues-'))).toBe(true);
  });

  it('keeps the Jira subset to its structure: no descriptions or examples', () => {
    const text = JSON.stringify(loadApiDocument('jira-cloud-v3-issues.json'));
    expect(text).not.toMatch(/"(description|example|examples|summary)":"/);
  });

  it('refuses a cut that names a path the description lacks', () => {
    const full = { openapi: '3.0.3', info: {}, paths: { '/a': {} }, components: {} };
    expect(() => cut(full, { paths: ['/a', '/b'] })).toThrow('API description lacks /b');
  });
});
