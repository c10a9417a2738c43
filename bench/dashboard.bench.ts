/**
 * `npm run bench:dashboard`: the dashboard's read endpoints under load. 100,000 action items
 * over 10,000 postmortems, 2,000 people in 50 teams and two years of history, written with SQL
 * (generate_series) rather than through the API. 20 concurrent clients (autocannon, in a child
 * process so it does not share the service's event loop) on GET /dashboard/summary without
 * filters, with a team filter and a one-year range, and on the items list. On PostgreSQL when
 * DATABASE_URL is set (in a database of its own, rt_bench_dashboard, dropped at the end) and on
 * the embedded database (in-memory PGlite). Target: p95 under 50 ms on PostgreSQL.
 *
 * Variables: BENCH_DURATION (seconds per endpoint, default 15), BENCH_CONNECTIONS (default 20),
 * BENCH_ITEMS (default 100000), BENCH_DATABASES (default "postgres,embedded").
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ActionItemQuery, ActionItemsRepository, itemOrder } from '../src/action-items/index.js';
import { DashboardService } from '../src/dashboard/dashboard.service.js';
import type { DatabaseTarget } from '../src/database/database-target.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { startTestApp } from '../test/support/test-app.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const POSTMORTEMS = Math.max(1, Math.round(ITEMS / 10));
const PEOPLE = Math.max(1, Math.round(ITEMS / 50));
const TEAMS = 50;
const HISTORY_DAYS = 730;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TARGET_P95_MS = 50;
const SEQUENTIAL_RUNS = 20;
const BENCH_DB = 'rt_bench_dashboard';

/** What the load child is asked to do, and what it answers. */
interface LoadSpec {
  url: string;
  token: string;
  connections: number;
  duration: number;
}
interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
}

// autocannon ships no types: the part of its API used here.
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', fn: (result: { errors: number; non2xx: number; duration: number }) => void): void;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => AutocannonInstance;

/** Exact percentiles (nearest rank) in ms, rounded to 0.1 ms. */
function percentiles(ms: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** The child: runs autocannon and reports exact percentiles of every response time it saw. */
function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const times: number[] = [];
  let non2xx = 0;
  return new Promise((resolve) => {
    const instance = autocannon({
      url: spec.url,
      connections: spec.connections,
      duration: spec.duration,
      headers: { authorization: `Bearer ${spec.token}` },
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status < 200 || status > 299) non2xx++;
    });
    instance.on('done', (result) => {
      resolve({
        requests: times.length,
        non2xx,
        errors: result.errors,
        seconds: result.duration,
        ...percentiles(times),
      });
    });
  });
}

function loadInChild(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], ['--load'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`load child exited with ${code}`)) : undefined));
    child.send(spec);
  });
}

/**
 * The data set, in SQL: teams, people, postmortems over two years, and items as the demo's
 * history generator makes them (older items more likely closed, a quarter of closes late, a
 * tenth won't do), 60% of them with a Jira or GitHub ticket. Deterministic (setseed).
 */
export async function seed(ds: DataSource): Promise<void> {
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    await q.query('SELECT setseed(0.42)');
    await q.query(
      `INSERT INTO tracker_connection (kind, name, base_url, flavor, token, enabled)
       VALUES ('jira', 'bench-jira', 'https://jira.bench.example', 'cloud', 'unused', false),
              ('github', 'bench-github', 'https://api.github.com', 'github.com', 'unused', false)`,
    );
    await q.query(`INSERT INTO team (name) SELECT 'Team ' || lpad(g::text, 2, '0') FROM generate_series(1, $1) g`, [
      TEAMS,
    ]);
    await q.query(
      `INSERT INTO person (name, email, team_id)
       SELECT 'Person ' || g, 'person' || g || '@bench.example', t.a[1 + g % array_length(t.a, 1)]
       FROM generate_series(1, $1) g, (SELECT array_agg(id ORDER BY name) AS a FROM team) t`,
      [PEOPLE],
    );
    await q.query(
      `INSERT INTO postmortem (title, incident_start, incident_end, severity, status, team_id, created_at, updated_at)
       SELECT 'Incident ' || g, s, s + interval '1 hour', 'SEV-' || (1 + floor(random() * 4))::int, 'published',
              t.a[1 + g % array_length(t.a, 1)], s + interval '3 days', s + interval '3 days'
       FROM (SELECT g, now() - random() * make_interval(days => $2) AS s FROM generate_series(1, $1) g) x,
            (SELECT array_agg(id ORDER BY name) AS a FROM team) t`,
      [POSTMORTEMS, HISTORY_DAYS],
    );
    // Items in the order they were opened, as a real table fills; one statement per 25,000 items
    // keeps PGlite's memory in bounds.
    for (let start = 1; start <= ITEMS; start += 25_000)
      await q.query(
        `WITH pm AS (SELECT array_agg(id ORDER BY id) AS a FROM postmortem),
              pp AS (SELECT array_agg(id ORDER BY email) AS a FROM person),
              tc AS (SELECT array_agg(id ORDER BY kind) AS a FROM tracker_connection WHERE name LIKE 'bench-%'),
              g AS (SELECT g, now() - make_interval(days => $3) * (1 - (g - 1 + random()) / $4) AS created,
                           (ARRAY['critical', 'high', 'medium', 'low'])[1 + floor(random() * 4)::int] AS prio,
                           random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                           random() AS r7, random() AS r8
                    FROM generate_series($1::int, $2::int) g),
              d AS (SELECT *, (created::date + ((CASE prio WHEN 'critical' THEN 7 WHEN 'high' THEN 30
                                                      WHEN 'medium' THEN 60 ELSE 90 END) * (0.5 + r1 * 0.5) + 3)::int) AS due
                    FROM g),
              c AS (SELECT *, CASE WHEN r2 < least(0.92, extract(epoch FROM now() - created) / 86400 / 60) THEN
                                CASE WHEN r3 < 0.25 THEN due::timestamptz + r4 * interval '30 days'
                                     ELSE created + (due::timestamptz - created) * (0.2 + 0.8 * r4) END
                              END AS closed_raw
                    FROM d),
              x AS (SELECT *, CASE WHEN closed_raw <= now() THEN closed_raw END AS closed FROM c)
         INSERT INTO action_item (postmortem_id, owner_id, title, success_criteria, due_date, priority, horizon, status,
                                  wont_do_reason, created_at, updated_at, closed_at,
                                  ticket_connection_id, ticket_key, ticket_url, ticket_state, ticket_external_status)
         SELECT pm.a[1 + floor(r7 * array_length(pm.a, 1))::int], pp.a[1 + floor(r8 * array_length(pp.a, 1))::int],
                'Alert when queue age exceeds 10 minutes for 5 minutes (#' || g || ')',
                'The alert fires in the staging drill', due, prio, 'short_term',
                CASE WHEN closed IS NULL THEN CASE WHEN r5 < 0.3 THEN 'in_progress' ELSE 'open' END
                     WHEN r6 < 0.1 THEN 'wont_do' ELSE 'done' END,
                CASE WHEN closed IS NOT NULL AND r6 < 0.1 THEN 'Superseded by a later change' END,
                created, coalesce(closed, created), closed,
                CASE WHEN g % 5 < 3 THEN tc.a[1 + g % 2] END,
                CASE WHEN g % 5 < 3 THEN 'BENCH-' || g END,
                CASE WHEN g % 5 < 3 THEN 'https://tracker.bench.example/BENCH-' || g END,
                CASE WHEN g % 5 < 3 THEN 'linked' END,
                CASE WHEN g % 5 < 3 THEN CASE WHEN closed IS NULL THEN 'To Do' ELSE 'Done' END END
         FROM x, pm, pp, tc`,
        [start, Math.min(ITEMS, start + 24_999), HISTORY_DAYS, ITEMS],
      );
    await q.query('ANALYZE');
  } finally {
    await q.release();
  }
}

interface Scenario {
  name: string;
  path: string;
}

async function postgresTarget(base: string): Promise<DatabaseTarget> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const version = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${BENCH_DB}`;
  return {
    url: url.toString(),
    embedded: false,
    description: `PostgreSQL ${version.split(' ')[0]} on ${url.hostname}`,
    stop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function embeddedTarget(): Promise<DatabaseTarget> {
  const db = await EmbeddedPostgres.start('memory');
  return { url: db.url, embedded: true, description: 'embedded PGlite in memory', stop: () => db.stop() };
}

interface Row extends LoadResult {
  database: string;
  scenario: string;
  /** Measured one request at a time (summaries with the cache emptied before each): not held to the target. */
  sequential?: boolean;
}

async function benchDatabase(target: DatabaseTarget, rows: Row[], explain: string[]): Promise<void> {
  const t = await startTestApp(
    { NODE_ENV: 'production', LOG_LEVEL: 'warn', APP_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    target,
  );
  try {
    const ds = t.app.get(DataSource);
    const seedStart = Date.now();
    await seed(ds);
    const seedMs = Date.now() - seedStart;
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer() as { address(): { port: number } }).address().port;
    const base = `http://127.0.0.1:${port}/api/v1`;
    // A team of typical size (the median by item count) and the last 365 days.
    const [team] = await ds.query<Array<{ id: string; n: string }>>(
      `SELECT p.team_id AS id, count(*) AS n FROM action_item ai JOIN person p ON p.id = ai.owner_id
       GROUP BY 1 ORDER BY 2, 1 OFFSET ${Math.floor(TEAMS / 2)} LIMIT 1`,
    );
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const range = `from=${day(Date.now() - 364 * 86_400_000)}&to=${day(Date.now())}`;
    const scenarios: Scenario[] = [
      { name: 'summary, no filter (last 90 days)', path: '/dashboard/summary' },
      {
        name: `summary, team (${team.n} items) + 365-day range`,
        path: `/dashboard/summary?teamId=${team.id}&${range}`,
      },
      { name: 'items list (first page of 50)', path: '/action-items' },
      { name: 'items list, team + overdue', path: `/action-items?teamId=${team.id}&overdue=true` },
      { name: 'items list, sorted by due date', path: '/action-items?sort=dueDate' },
    ];
    console.error(`${target.description}: seeded in ${(seedMs / 1000).toFixed(1)} s; measuring…`);
    for (const s of scenarios) {
      const spec = { url: `${base}${s.path}`, token: t.tokens.viewer, connections: CONNECTIONS };
      await loadInChild({ ...spec, duration: 3 }); // warm-up: plans cached, pages in memory
      const r = await loadInChild({ ...spec, duration: DURATION_S });
      rows.push({ database: target.embedded ? 'embedded' : 'PostgreSQL', scenario: s.name, ...r });
      console.error(`  ${s.name}: p95 ${r.p95} ms, ${Math.round(r.requests / r.seconds)} req/s`);
    }
    // One client at a time: what a request costs without queueing; each summary computed afresh
    // (the price of a change), the items list as it always is.
    const svc = t.app.get(DashboardService);
    for (const s of scenarios) {
      const summary = s.path.startsWith('/dashboard');
      const times: number[] = [];
      for (let i = 0; i < SEQUENTIAL_RUNS; i++) {
        if (summary) svc.forget();
        const started = performance.now();
        const res = await fetch(`${base}${s.path}`, { headers: { authorization: `Bearer ${t.tokens.viewer}` } });
        await res.arrayBuffer();
        times.push(performance.now() - started);
      }
      rows.push({
        database: target.embedded ? 'embedded' : 'PostgreSQL',
        scenario: `${s.name}, ${summary ? 'uncached, ' : ''}1 client`,
        sequential: true,
        ...percentiles(times),
        requests: times.length,
        seconds: times.reduce((a, b) => a + b, 0) / 1000,
        non2xx: 0,
        errors: 0,
      });
    }
    if (!target.embedded && process.env.BENCH_EXPLAIN === '1') {
      explain.push(...(await explainSummary(ds, svc, team.id)));
      explain.push(...(await explainItemsList(ds, t.app.get(ActionItemsRepository), team.id)));
    }
  } finally {
    await t.close();
  }
}

/** EXPLAIN ANALYZE of the summary's queries, captured from the service's own SQL. */
async function explainSummary(ds: DataSource, svc: DashboardService, teamId: string): Promise<string[]> {
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const original = ds.query.bind(ds);
  (ds as { query: DataSource['query'] }).query = ((sql: string, params?: unknown[]) => {
    seen.push({ sql, params: params ?? [] });
    return original(sql, params);
  }) as DataSource['query'];
  svc.forget();
  await svc.summary({});
  svc.forget();
  await svc.summary({ teamId });
  (ds as { query: DataSource['query'] }).query = original;
  const out: string[] = [];
  for (const { sql, params } of seen) {
    const plan = await ds.query<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    out.push(sql.replace(/\s+/g, ' ').slice(0, 120), ...plan.map((p) => `  ${p['QUERY PLAN']}`), '');
  }
  return out;
}

/** EXPLAIN ANALYZE of the items list's first page, as src/action-items builds and pages it. */
async function explainItemsList(ds: DataSource, items: ActionItemsRepository, teamId: string): Promise<string[]> {
  const out: string[] = [];
  for (const q of [
    {},
    { teamId, overdue: 'true' as const },
    { sort: 'dueDate' as const },
    { sort: '-priority' as const },
  ]) {
    const query = Object.assign(new ActionItemQuery(), q);
    const order = itemOrder(query.sort);
    const [sql, params] = items
      .list(query)
      .orderBy(order.key('ai'), order.dir)
      .addOrderBy('ai.id', order.dir)
      .take(51)
      .getQueryAndParameters();
    const plan = await ds.query<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    out.push(`items list ${JSON.stringify(q)}`, ...plan.map((p) => `  ${p['QUERY PLAN']}`), '');
  }
  return out;
}

async function main(): Promise<void> {
  const wanted = (process.env.BENCH_DATABASES ?? 'postgres,embedded').split(',');
  const rows: Row[] = [];
  const explain: string[] = [];
  const load = loadavg()[0];
  if (wanted.includes('postgres')) {
    if (process.env.DATABASE_URL) {
      const target = await postgresTarget(process.env.DATABASE_URL);
      try {
        await benchDatabase(target, rows, explain);
      } finally {
        await target.stop();
      }
    } else console.error('DATABASE_URL is not set: PostgreSQL skipped.');
  }
  if (wanted.includes('embedded')) {
    const target = await embeddedTarget();
    try {
      await benchDatabase(target, rows, explain);
    } finally {
      await target.stop();
    }
  }
  console.log(
    `\nDashboard benchmark, ${new Date().toISOString().slice(0, 10)}: ${ITEMS} items, ${POSTMORTEMS} postmortems, ${PEOPLE} people in ${TEAMS} teams, ${HISTORY_DAYS} days of history; ${CONNECTIONS} connections, ${DURATION_S} s per endpoint`,
  );
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at start ${load.toFixed(1)}, at end ${loadavg()[0].toFixed(1)}\n`,
  );
  console.log('| database | endpoint | req/s | p50 | p95 | p99 | non-2xx |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.database} | ${r.scenario} | ${(r.requests / r.seconds).toFixed(r.sequential ? 1 : 0)} | ${r.p50} ms | ${r.p95} ms | ${r.p99} ms | ${r.non2xx + r.errors} |`,
    );
  if (explain.length) console.log(`\n${explain.join('\n')}`);
  const failures = rows
    .filter((r) => r.non2xx + r.errors > 0 || (r.database === 'PostgreSQL' && !r.sequential && r.p95 >= TARGET_P95_MS))
    .map((r) =>
      r.non2xx + r.errors > 0
        ? `${r.database}, ${r.scenario}: ${r.non2xx + r.errors} failed requests`
        : `${r.database}, ${r.scenario}: p95 ${r.p95} ms, target < ${TARGET_P95_MS} ms`,
    );
  if (failures.length) {
    console.error(`\nTargets missed:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log(`\nAll targets met (PostgreSQL p95 < ${TARGET_P95_MS} ms).`);
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain && process.argv.includes('--load'))
  process.once('message', (spec) => {
    void runLoad(spec as LoadSpec).then((r) => process.send!(r, () => process.exit(0)));
  });
else if (isMain)
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
