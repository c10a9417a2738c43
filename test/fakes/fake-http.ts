import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenApiValidator } from './openapi-validator.js';

/** One request as the fake saw it, for assertions. */
export interface RecordedRequest {
  /** Arrival time (real clock, ms). */
  at: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Status sent, or undefined when the fault hung or dropped the exchange. */
  status?: number;
  fault?: Fault['type'];
}

export type Fault =
  /** Answer with this status (500, 503, 429 + Retry-After ...) instead of handling. */
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answer: the client has to time out. */
  | { type: 'hang' }
  /** Handle the request (a create happens) and destroy the socket before answering: a crash after the write. */
  | { type: 'drop-response' };

export interface FaultMatch {
  method?: string;
  /** A regular expression or an exact path. */
  path?: RegExp | string;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: unknown;
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Path template, `{name}` for a segment. */
  pattern: string;
  handler: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;
}

export interface FakeHttpOptions {
  name: string;
  routes: Route[];
  validator: OpenApiValidator;
  /** The path to look up in the API description, or null for one it does not describe. */
  specPath: (path: string) => string | null;
  /** Adds protocol-wide headers (rate-limit counters) to every handled response. */
  decorate?: (req: FakeRequest, res: FakeResponse) => FakeResponse;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  literals: number;
}

/** Test time for fakes whose timestamps matter: real time plus an offset the test controls. */
export class FakeClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(date: Date): void {
    this.offsetMs = date.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * The HTTP plumbing both tracker fakes share: routing, latency, fault injection, a request
 * log, and OpenAPI validation of every request and handled response. Anything unexpected
 * (no route, invalid against the description, a handler error) is recorded as a violation;
 * `assertNoViolations()` turns those into a failing test.
 */
export class FakeHttpServer {
  latencyMs = 0;
  /** OpenAPI validation of each exchange; the benchmark turns it off, as it is test instrumentation, not the tracker's cost. */
  validate = true;
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  private readonly routes: CompiledRoute[];
  private readonly faults: Array<{ match: FaultMatch; fault: Fault; remaining: number }> = [];
  private readonly hooks: Array<{ match: FaultMatch; run: () => void; countdown: number }> = [];
  private server: Server | null = null;
  private baseUrl = '';

  constructor(private readonly options: FakeHttpOptions) {
    this.routes = options.routes.map(compileRoute).sort((a, b) => b.literals - a.literals);
  }

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.options.name} fake is not started`);
    return this.baseUrl;
  }

  get requestCount(): number {
    return this.requests.length;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violation(`${req.method} ${req.url}: fake failed: ${(error as Error).stack}`);
        res.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    // Hung requests and keep-alive sockets would hold close() open forever.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` requests matching `match` get `fault` instead of a normal answer. */
  failNext(match: FaultMatch, fault: Fault, times = 1): void {
    this.faults.push({ match, fault, remaining: times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Runs `run` just before the `nth` matching request is handled: a person acting mid-sync. */
  onRequest(match: FaultMatch, run: () => void, nth = 1): void {
    this.hooks.push({ match, run, countdown: nth });
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  requestsMatching(method: string, path: RegExp | string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && matchesPath(r.path, path));
  }

  violation(message: string): void {
    this.violations.push(message);
  }

  assertNoViolations(): void {
    if (!this.violations.length) return;
    const list = this.violations
      .splice(0)
      .map((v) => `  - ${v}`)
      .join('\n');
    throw new Error(`${this.options.name} fake saw protocol violations:\n${list}`);
  }

  private async handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://fake.local');
    const record: RecordedRequest = {
      at: Date.now(),
      method: raw.method ?? 'GET',
      path: url.pathname,
      query: queryOf(url.searchParams),
      headers: raw.headers,
      body: undefined,
    };
    this.requests.push(record);
    try {
      record.body = await readJsonBody(raw);
    } catch (error) {
      this.violation(`${record.method} ${record.path}: ${(error as Error).message}`);
      return this.send(res, record, { status: 400, body: { message: 'Problems parsing JSON' } });
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

    const route = this.route(record.method, record.path);
    if (!route) {
      this.violation(`unexpected request ${record.method} ${record.path}`);
      return this.send(res, record, { status: 404, body: { message: 'Not Found' } });
    }
    const req: FakeRequest = { ...record, params: route.params };
    const specPath = this.validate ? this.options.specPath(record.path) : null;
    if (specPath) this.recordViolations(this.options.validator.validateRequest({ ...record, path: specPath }));

    for (const hook of this.hooks)
      if (hook.countdown > 0 && matches(record, hook.match) && --hook.countdown === 0) hook.run();
    const fault = this.takeFault(record);
    record.fault = fault?.type;
    if (fault?.type === 'hang') return;
    if (fault?.type === 'status')
      return this.send(res, record, {
        status: fault.status,
        headers: fault.headers,
        body: fault.body ?? { message: `injected ${fault.status}` },
      });

    let response: FakeResponse;
    try {
      response = await route.route.handler(req);
    } catch (error) {
      this.violation(`${record.method} ${record.path}: handler threw ${(error as Error).stack}`);
      response = { status: 500, body: { message: 'fake handler failed' } };
    }
    response = this.options.decorate?.(req, response) ?? response;
    if (specPath)
      this.recordViolations(
        this.options.validator.validateResponse({
          method: record.method,
          path: specPath,
          status: response.status,
          body: response.body,
        }),
      );
    if (fault?.type === 'drop-response') {
      res.socket?.destroy();
      return;
    }
    this.send(res, record, response);
  }

  private recordViolations(errors: string[]): void {
    for (const e of errors) this.violation(e);
  }

  private route(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = path.match(route.regex);
      if (m) return { route, params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    }
    return null;
  }

  private takeFault(record: RecordedRequest): Fault | null {
    const entry = this.faults.find((f) => f.remaining > 0 && matches(record, f.match));
    if (!entry) return null;
    entry.remaining--;
    return entry.fault;
  }

  private send(res: ServerResponse, record: RecordedRequest, response: FakeResponse): void {
    record.status = response.status;
    const hasBody = response.body !== undefined && response.status !== 204 && response.status !== 304;
    const headers: Record<string, string> = {
      ...(hasBody ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...response.headers,
    };
    res.writeHead(response.status, headers);
    res.end(hasBody ? JSON.stringify(response.body) : undefined);
  }
}

function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return {
    ...route,
    regex: new RegExp(`^${pattern}/?$`),
    names,
    literals: route.pattern.split('/').filter((s) => s && !s.startsWith('{')).length,
  };
}

function matches(record: RecordedRequest, match: FaultMatch): boolean {
  return (!match.method || match.method === record.method) && (!match.path || matchesPath(record.path, match.path));
}

function matchesPath(path: string, expected: RegExp | string): boolean {
  return typeof expected === 'string' ? path === expected : expected.test(path);
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length > 1 ? values : values[0];
  }
  return query;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if (!/json/.test(req.headers['content-type'] ?? ''))
    throw new Error(`body sent as ${req.headers['content-type'] ?? 'no content type'}, not JSON`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not valid JSON');
  }
}

/** A header value as one string. */
export function header(req: FakeRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A query value as one string. */
export function queryValue(req: FakeRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}
