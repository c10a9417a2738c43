import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { type ApiDocumentName, loadApiDocument } from './openapi-documents.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonObject }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonObject }> }>;
}

interface PathTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  literals: number;
}

export interface OperationMatch {
  template: string;
  operation: Operation;
  pathParams: Record<string, string>;
}

export interface RequestToValidate {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
}

export interface ResponseToValidate {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface ValidatorOptions {
  /**
   * Jira sends `2024-05-01T10:00:00.000+0000` where its description says `date-time`
   * (RFC 3339 wants `+00:00`). Accept what the real server sends.
   */
  jiraTimestamps?: boolean;
}

const JIRA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

const KNOWN_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'uri',
  'uri-reference',
  'uri-template',
  'email',
  'uuid',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
]);

/**
 * Validates requests and responses against one OpenAPI document: finds the operation by
 * method and path template, then checks path and query parameters, the JSON request body
 * and the JSON response body of documented statuses. Schemas compile once and are cached.
 */
export class OpenApiValidator {
  private readonly bodies: Ajv;
  private readonly params: Ajv;
  private readonly templates: PathTemplate[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private static readonly loaded = new Map<string, OpenApiValidator>();

  /** One validator per document per test file: compiling GitHub's issue schema takes a while. */
  static forDocument(file: ApiDocumentName, options: ValidatorOptions = {}): OpenApiValidator {
    const cacheKey = `${file} ${JSON.stringify(options)}`;
    let validator = OpenApiValidator.loaded.get(cacheKey);
    if (!validator) {
      const doc = loadApiDocument(file);
      validator = new OpenApiValidator(doc, file, options);
      OpenApiValidator.loaded.set(cacheKey, validator);
    }
    return validator;
  }

  /** A validator for a document already in memory (the service's own /api/docs-json). */
  static fromObject(doc: JsonObject, id: string): OpenApiValidator {
    return new OpenApiValidator(doc, id, {});
  }

  private constructor(
    private readonly doc: JsonObject,
    private readonly id: string,
    options: ValidatorOptions,
  ) {
    const is31 = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1');
    // 3.1 schemas are JSON Schema 2020-12; 3.0 schemas need `nullable` translated (normalize below).
    const make = (coerce: boolean) => {
      const ajvOptions = {
        strict: false,
        allErrors: true,
        coerceTypes: coerce ? ('array' as const) : false,
        validateSchema: false,
      };
      const ajv = is31 ? new Ajv2020(ajvOptions) : new Ajv(ajvOptions);
      addFormats.default(ajv);
      for (const format of collectFormats(doc)) if (!KNOWN_FORMATS.has(format)) ajv.addFormat(format, true);
      if (options.jiraTimestamps) ajv.addFormat('date-time', JIRA_DATE_TIME);
      const components = is31 ? doc.components : normalize(doc.components ?? {});
      ajv.addSchema({ $id: id, components });
      return ajv;
    };
    this.bodies = make(false);
    this.params = make(true);
    this.templates = Object.keys((doc.paths as JsonObject) ?? {})
      .map(compileTemplate)
      .sort((a, b) => b.literals - a.literals);
  }

  match(method: string, requestPath: string): OperationMatch | null {
    const paths = this.doc.paths as Record<string, Record<string, Operation>>;
    for (const t of this.templates) {
      const m = requestPath.match(t.regex);
      const operation = m && paths[t.template][method.toLowerCase()];
      if (!m || !operation) continue;
      const pathParams = Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { template: t.template, operation, pathParams };
    }
    return null;
  }

  validateRequest(req: RequestToValidate): string[] {
    const where = `${req.method} ${req.path}`;
    const found = this.match(req.method, req.path);
    if (!found) return [`${where}: no such operation in ${this.id}`];
    const key = `${req.method} ${found.template}`;
    const params = (found.operation.parameters ?? []).map((p) => this.parameter(p));
    const errors = [
      ...this.check(
        `${key} path`,
        this.params,
        objectOf(
          params.filter((p) => p.in === 'path'),
          false,
        ),
        { ...found.pathParams },
        `${where} path`,
      ),
      ...this.check(
        `${key} query`,
        this.params,
        objectOf(
          params.filter((p) => p.in === 'query'),
          true,
        ),
        { ...req.query },
        `${where} query`,
      ),
    ];
    const bodySchema = found.operation.requestBody?.content?.['application/json']?.schema;
    if (req.body === undefined) {
      if (found.operation.requestBody?.required) errors.push(`${where}: request body is required`);
    } else if (!found.operation.requestBody) {
      errors.push(`${where}: sent a body the operation does not take`);
    } else if (bodySchema) {
      errors.push(...this.check(`${key} body`, this.bodies, bodySchema, req.body, `${where} request body`));
    }
    return errors;
  }

  validateResponse(res: ResponseToValidate): string[] {
    const where = `${res.method} ${res.path} -> ${res.status}`;
    const found = this.match(res.method, res.path);
    if (!found) return [`${where}: no such operation in ${this.id}`];
    const response = this.response(found.operation, res.status);
    const schema = response?.content?.['application/json']?.schema;
    // Undocumented statuses (injected 500s, Jira's 410 for the removed search) carry no schema to check.
    if (!schema || res.body === undefined) return [];
    return this.check(
      `${res.method} ${found.template} ${res.status}`,
      this.bodies,
      schema,
      res.body,
      `${where} response body`,
    );
  }

  /** Validates a value against `#/components/schemas/<name>` (webhook payloads have no operation). */
  validateComponent(name: string, value: unknown): string[] {
    return this.check(`component ${name}`, this.bodies, { $ref: `#/components/schemas/${name}` }, value, name);
  }

  private parameter(p: Parameter | { $ref: string }): Parameter {
    if (!('$ref' in p)) return p;
    const name = p.$ref.replace('#/components/parameters/', '');
    return ((this.doc.components as JsonObject).parameters as unknown as Record<string, Parameter>)[name];
  }

  private response(operation: Operation, status: number) {
    const responses = operation.responses ?? {};
    const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!entry?.$ref) return entry;
    const name = entry.$ref.replace('#/components/responses/', '');
    return ((this.doc.components as JsonObject).responses as unknown as Record<string, typeof entry>)[name];
  }

  private check(cacheKey: string, ajv: Ajv, schema: JsonObject, value: unknown, label: string): string[] {
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = ajv.compile(rebase(normalize(schema), this.id) as JsonObject);
      this.compiled.set(cacheKey, validate);
    }
    if (validate(value)) return [];
    return formatErrors(label, validate.errors ?? []);
  }
}

function compileTemplate(template: string): PathTemplate {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return {
    template,
    regex: new RegExp(`^${pattern}/?$`),
    names,
    literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
  };
}

function objectOf(params: Parameter[], closed: boolean): JsonObject {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
    required: params.filter((p) => p.required).map((p) => p.name),
    // An unknown query parameter is usually a typo the server would silently ignore.
    additionalProperties: !closed,
  };
}

/**
 * OpenAPI 3.0 schema dialect to JSON Schema: `nullable: true` becomes a null type or an
 * anyOf with null; `discriminator` is dropped (advisory, and Ajv does not support `mapping`).
 */
function normalize(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(normalize);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'discriminator') continue;
    out[k] = k === 'example' || k === 'examples' ? v : normalize(v);
  }
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Points local `#/components/...` refs of an operation's inline schema at the registered document. */
function rebase(schema: Json, id: string): Json {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, id));
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${id}${v}` : rebase(v, id),
    ]),
  );
}

function collectFormats(value: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectFormats(v, found));
  else if (value && typeof value === 'object') {
    if (typeof value.format === 'string') found.add(value.format);
    for (const [k, v] of Object.entries(value)) if (k !== 'example' && k !== 'examples') collectFormats(v, found);
  }
  return found;
}

function formatErrors(label: string, errors: ErrorObject[]): string[] {
  // anyOf/oneOf failures repeat the same problem per branch; a handful is enough to act on.
  return errors
    .slice(0, 6)
    .map((e) => `${label}: ${e.instancePath || '(root)'} ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`);
}
