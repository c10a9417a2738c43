import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { OpenApiValidator } from '../fakes/openapi-validator.js';
import { goodItem } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * The OpenAPI document is what a client is generated from: every operation must say what it
 * answers (success and errors, with schemas), and the generated types must compile with a
 * client that uses them. An undocumented or mistyped response fails here, not in the dashboard.
 */

type Operation = {
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

let t: TestApp;
let doc: OpenAPI3;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.anon().get('/api/docs-json');
  expect(res.status).toBe(200);
  doc = res.body as OpenAPI3;
});
afterAll(async () => {
  await t?.close();
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A request schema whose every required property carries an example (a client's docs show one). */
function exemplified(schema: unknown): boolean {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const resolved = (ref ? doc.components?.schemas?.[ref.split('/').pop()!] : schema) as
    { required?: string[]; properties?: Record<string, { example?: unknown; examples?: unknown }> } | undefined;
  if (!resolved?.properties) return false;
  return (resolved.required ?? []).every(
    (p) => resolved.properties![p]?.example !== undefined || resolved.properties![p]?.examples !== undefined,
  );
}

function exampleGiven(op: Operation): boolean {
  const json = op.requestBody?.content?.['application/json'];
  return !json || Boolean(json.example || json.examples) || exemplified(json.schema);
}

function operations(): Array<{ name: string; op: Operation }> {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => ({
      name: `${m.toUpperCase()} ${path}`,
      op: (item as Record<string, Operation>)[m],
    })),
  );
}

/** A success answer needs a schema unless it has no body (204) or is not JSON (CSV, HTML, redirects). */
function undocumented(op: Operation): string[] {
  const responses = Object.entries(op.responses ?? {});
  const problems: string[] = [];
  const success = responses.filter(([code]) => /^2\d\d$/.test(code));
  if (!success.length) problems.push('no success response');
  for (const [code, r] of success)
    if (code !== '204' && r.content?.['application/json'] && !r.content['application/json'].schema)
      problems.push(`${code} without a schema`);
    else if (code !== '204' && !r.content) problems.push(`${code} without content`);
  if (!responses.some(([code]) => /^[45]\d\d$/.test(code))) problems.push('no error response');
  return problems;
}

describe('the OpenAPI document', () => {
  it('documents every response of every operation', () => {
    const missing = operations()
      .map(({ name, op }) => ({ name, problems: undocumented(op) }))
      .filter((o) => o.problems.length);
    expect(missing).toEqual([]);
  });

  it('gives every operation a summary and every JSON request body an example', () => {
    const ops = operations();
    expect(ops.filter(({ op }) => !op.summary).map((o) => o.name)).toEqual([]);
    const withoutExample = ops.filter(({ op }) => !exampleGiven(op));
    expect(withoutExample.map((o) => o.name)).toEqual([]);
  });

  it('names the bearer scheme an API token, and types nullable fields as their type', () => {
    const schemes = doc.components?.securitySchemes as Record<string, Record<string, unknown>>;
    expect(schemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'API token',
    });
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
      for (const [field, prop] of Object.entries(
        (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {},
      ))
        if (prop.nullable && !prop.type && !prop.$ref && !prop.allOf && !prop.oneOf) untyped.push(`${name}.${field}`);
    expect(untyped).toEqual([]);
  });

  it("answers as documented: each response a client gets matches its operation's schema", async () => {
    const validator = OpenApiValidator.fromObject(doc as unknown as Record<string, never>, 'remediation-tracker');
    const problems: string[] = [];
    const seen = new Set<string>();
    const call = async (
      role: 'viewer' | 'editor' | 'approver' | 'admin',
      method: 'get' | 'post' | 'patch',
      path: string,
      body?: object,
    ) => {
      const agent = t.as(role)[method](path);
      const res = body === undefined ? await agent : await agent.send(body);
      const bare = path.split('?')[0] ?? path;
      const full = bare.startsWith('/api') ? bare : `/api/v1${bare}`;
      seen.add(`${method.toUpperCase()} ${res.status}`);
      problems.push(
        ...validator.validateResponse({ method: method.toUpperCase(), path: full, status: res.status, body: res.body }),
      );
      return res.body as Record<string, unknown> & { id: string };
    };
    const team = await call('editor', 'post', '/teams', { name: `Docs ${Date.now()}` });
    const person = await call('editor', 'post', '/people', {
      name: 'Ada Docs',
      email: `ada.${Date.now()}@example.com`,
      teamId: team.id,
    });
    await call('viewer', 'get', `/people/${person.id}`);
    await call('viewer', 'get', '/people');
    await call('viewer', 'get', '/teams');
    const pm = await call('editor', 'post', '/postmortems', {
      title: 'Checkout timed out',
      incidentStart: '2026-03-04T14:02:00Z',
      severity: 'SEV-2',
    });
    await call('viewer', 'get', `/postmortems/${pm.id}`);
    await call('viewer', 'get', '/postmortems');
    const rec = await call('editor', 'post', `/postmortems/${pm.id}/recommendations`, { text: 'Add a CI check' });
    await call('viewer', 'get', `/postmortems/${pm.id}/recommendations`);
    const item = await call('approver', 'post', `/recommendations/${rec.id}/accept`, {
      ...goodItem(person.id),
      tracker: null,
    });
    await call('viewer', 'get', `/action-items/${item.id}`);
    await call('viewer', 'get', '/action-items');
    await call('editor', 'patch', `/action-items/${item.id}`, { priority: 'critical' });
    await call('viewer', 'get', `/action-items/${item.id}/history`);
    await call('admin', 'get', '/audit-log?limit=2');
    await call('admin', 'get', '/tracker-connections');
    await call('admin', 'get', '/tokens');
    await call('viewer', 'get', '/health');
    await call('viewer', 'get', `/postmortems/${pm.id}/quality`);
    await call('viewer', 'post', '/quality/check', { title: 'Improve database performance' });
    await call('viewer', 'get', '/dashboard/summary');
    await call('viewer', 'get', '/auth/session');
    // Errors: the filter's body, as documented.
    const other = await call('editor', 'post', `/postmortems/${pm.id}/recommendations`, { text: 'Be careful' });
    await call('approver', 'post', `/recommendations/${other.id}/accept`, {
      ...goodItem(person.id, { successCriteria: '' }),
      tracker: null,
    });
    await call('editor', 'patch', `/action-items/${item.id}`, { dueDate: '2026-02-30' });
    await call('viewer', 'get', '/action-items/00000000-0000-4000-8000-000000000000');
    await call('viewer', 'post', '/teams', { name: 'x' });
    expect(problems).toEqual([]);
    expect([...seen]).toEqual(
      expect.arrayContaining(['POST 201', 'GET 200', 'PATCH 200', 'POST 422', 'PATCH 400', 'GET 404', 'POST 403']),
    );
  });

  it('generates TypeScript types that a typed client compiles against', async () => {
    const types = astToString(await openapiTS(doc));
    const dir = mkdtempSync(join(tmpdir(), 'rt-openapi-'));
    try {
      writeFileSync(join(dir, 'api.d.ts'), types);
      writeFileSync(join(dir, 'client.ts'), CLIENT);
      const program = ts.createProgram([join(dir, 'client.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
      });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A small client over the generated types: paths, bodies and answers all checked by the compiler. */
const CLIENT = `
import type { paths, components } from './api.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type Schemas = components['schemas'];

export async function get<P extends keyof paths>(base: string, token: string, path: P): Promise<Get<P>> {
  const res = await fetch(base + String(path), { headers: { Authorization: 'Bearer ' + token } });
  if (!res.ok) throw new Error(((await res.json()) as Schemas['ErrorBodyDto']).message);
  return (await res.json()) as Get<P>;
}

export async function overdueTitles(base: string, token: string): Promise<string[]> {
  const page = await get(base, token, '/api/v1/action-items');
  const titles: string[] = page.items.map((i) => i.title);
  const next: string | null = page.nextCursor;
  return next ? titles.concat('…') : titles;
}

export function ticketKey(item: Schemas['ActionItemDto']): string | null {
  return item.ticket ? item.ticket.key : null;
}

export function problems(err: Schemas['ErrorBodyDto']): string[] {
  return (err.details ?? []).map((d) => d.field + ' ' + d.problem);
}
`;
