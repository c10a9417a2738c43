/**
 * `npm run bench:digest`: the weekly digest and the overdue nudges for 1,000 owners in 20
 * teams with 20,000 open items (5,000 overdue), sent over SMTP on loopback to a server in this
 * (the benchmark's) process. The database is DATABASE_URL when set (a database of its own,
 * dropped at the end), else the embedded PGlite on disk in a temporary directory.
 *
 * The data is seeded by one child process; each run then starts the service as `npm start`
 * does (`node dist/src/main.js`) in a fresh child, triggers the job through
 * `POST /api/v1/admin/jobs/{name}/run`, and reads that process's peak RSS from
 * /proc/<pid>/status (VmHWM, reset just before the run). `BENCH_METHOD=in-process` measures the
 * old way instead: seeding and the runs in this process, RSS sampled every 20 ms.
 *
 * Prints a Markdown table and exits non-zero when the digest misses the target (60 s, 300 MB).
 * Variables: BENCH_METHOD (`service`, default, or `in-process`), BENCH_PROBE (`0`: without the
 * probe that reports the service's JS heap, to check what it costs), BENCH_JOBS (default
 * `weekly-digest,overdue-nudges`), BENCH_NODE_OPTIONS (extra flags for the service, e.g.
 * `--heap-prof`), BENCH_HEAP_SNAPSHOT (a directory: a heap snapshot of the service at the end of
 * each run), BENCH_TRACE (a file: the service's memory every 20 ms of the run, see digest-probe.ts),
 * BENCH_KEEP_DB (the seeded data set to keep and reuse: a database name on DATABASE_URL's server,
 * else a directory; seeded when it does not exist yet, never deleted).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../src/database/database-target.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { NotificationsAdminService } from '../src/notifications/notifications-admin.service.js';
import { startTestApp } from '../test/support/test-app.js';
import { NOW, seed } from './digest-data.js';

const TARGET_MS = 60_000;
const TARGET_RSS_MB = 300;
const MB = 1_048_576;
/** BENCH_PROBE=0: the service without the probe (no JS heap figures), to check what the probe costs. */
const PROBE = process.env.BENCH_PROBE !== '0';
const JOBS = (process.env.BENCH_JOBS ?? 'weekly-digest,overdue-nudges').split(',') as Array<
  'weekly-digest' | 'overdue-nudges'
>;
/** dist/bench, compiled from here; the project root is two levels up. */
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

async function smtpSink(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        n++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    count: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Row {
  run: string;
  db: string;
  messages: number;
  wallMs: number;
  peakRssMb: number;
  /** RSS just before the run: the service started and idle (and, embedded, the database itself). */
  startRssMb: number;
  peakHeapMb: number;
  /** The service's peak RSS from its start to the end of the run (start-up included). */
  processPeakMb?: number;
  load: string;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', r));
}

async function run(cmd: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, cmd, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await exited(child);
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited with ${code}`);
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes. */
function status(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

interface ProbeMessage {
  type: string;
  peaks?: { heapUsed: number; rss: number };
  now?: NodeJS.MemoryUsage;
  path?: string;
}

function ask(child: ChildProcess, msg: object, type: string): Promise<ProbeMessage> {
  return new Promise((resolve, reject) => {
    const on = (m: ProbeMessage) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    if (!child.send(msg)) reject(new Error('the service has no IPC channel'));
  });
}

/**
 * The seeded data set for the service-process method, seeded once by a child process; each run
 * gets a copy of it (a PostgreSQL database made from it as a template, or a copy of the PGlite
 * directory), so every run starts from the same data with an empty delivery log.
 */
interface Seeded {
  label: string;
  /** Environment of the seeding child; null when the data set already exists (BENCH_KEEP_DB). */
  seedEnv: Record<string, string> | null;
  copy(n: number): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
  drop(): Promise<void>;
}

async function adminQuery(base: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    return (await c.query(sql)).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

async function seededDatabase(): Promise<Seeded> {
  const base = process.env.DATABASE_URL;
  const keep = process.env.BENCH_KEEP_DB;
  if (base) {
    const name = keep ?? `rt_bench_digest_${randomBytes(4).toString('hex')}`;
    if (!/^\w+$/.test(name)) throw new Error('BENCH_KEEP_DB: a database name, letters, digits and _');
    const url = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
    const exists = await adminQuery(base, `SELECT 1 FROM pg_database WHERE datname = '${name}'`);
    if (!exists) await adminQuery(base, `CREATE DATABASE ${name}`);
    const drop = (db: string) => adminQuery(base, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).then(() => undefined);
    return {
      label: 'PostgreSQL',
      seedEnv: exists ? null : { BENCH_DB_URL: url(name) },
      copy: async (n) => {
        const run = `${name}_run${n}`;
        await drop(run);
        await adminQuery(base, `CREATE DATABASE ${run} TEMPLATE ${name}`);
        return { env: { DATABASE_URL: url(run) }, drop: () => drop(run) };
      },
      drop: () => (keep ? Promise.resolve() : drop(name)),
    };
  }
  const root = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'bench-digest-'));
  const dir = join(root, 'seeded');
  return {
    label: 'embedded (PGlite on disk)',
    seedEnv: existsSync(join(dir, 'PG_VERSION')) ? null : { BENCH_EMBEDDED_DIR: dir },
    copy: (n) => {
      const run = join(root, `run${n}`);
      rmSync(run, { recursive: true, force: true });
      cpSync(dir, run, { recursive: true });
      return Promise.resolve({
        env: { EMBEDDED_DB_DIR: run },
        drop: () => Promise.resolve(rmSync(run, { recursive: true, force: true })),
      });
    },
    drop: () => Promise.resolve(keep ? undefined : rmSync(root, { recursive: true, force: true })),
  };
}

/** Starts `node dist/src/main.js` as `npm start` does, with the probe; resolves once it answers. */
async function startService(
  dbEnv: Record<string, string>,
  smtpUrl: string,
  token: string,
): Promise<{ child: ChildProcess; base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const extra = (process.env.BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...extra,
      ...(PROBE ? ['--import', pathToFileURL(join(HERE, 'digest-probe.js')).href] : []),
      join(ROOT, 'dist/src/main.js'),
    ],
    {
      cwd: ROOT,
      // The service's own output (warnings, --trace-gc) goes to stderr, apart from the table.
      stdio: ['ignore', process.stderr, 'inherit', ...(PROBE ? ['ipc' as const] : [])],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        BOOTSTRAP_ADMIN_TOKEN: token,
        SMTP_URL: smtpUrl,
        PUBLIC_URL: 'https://remediation.example.com',
        MAIL_FROM: 'Remediation Tracker <remediation@example.com>',
        // Jobs on, as in production (pg-boss started, its workers polling), but no tick falls
        // inside the benchmark: the runs are the ones it triggers.
        JOBS_ENABLED: 'true',
        NUDGE_CRON: '0 0 1 1 *',
        DIGEST_CRON: '0 0 1 1 *',
        ...Object.fromEntries(
          ['BENCH_TRACE', 'BENCH_ALLOC_PROFILE', 'BENCH_ALLOC_PROFILE_MODE'].flatMap((k) =>
            process.env[k] ? [[k, process.env[k]]] : [],
          ),
        ),
        ...dbEnv,
      },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} during start-up`);
    const ok = await fetch(`${base}/api/v1/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the service did not answer within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    base,
    stop: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited(child);
      clearTimeout(t);
    },
  };
}

async function serviceMethod(sink: Awaited<ReturnType<typeof smtpSink>>): Promise<Row[]> {
  const db = await seededDatabase();
  // Each copy starts without tokens: the service creates its admin token from BOOTSTRAP_ADMIN_TOKEN.
  const token = randomBytes(24).toString('hex');
  const rows: Row[] = [];
  try {
    if (db.seedEnv)
      await run([join(HERE, 'digest-seed.js')], { PATH: process.env.PATH, HOME: process.env.HOME, ...db.seedEnv });
    for (const [n, job] of JOBS.entries()) {
      const copy = await db.copy(n);
      const svc = await startService(copy.env, sink.url, token);
      try {
        // Let start-up finish (pg-boss's first maintenance, lazy module loads) before measuring.
        await new Promise((r) => setTimeout(r, 3_000));
        const before = status(svc.child.pid!);
        writeFileSync(`/proc/${svc.child.pid}/clear_refs`, '5');
        const mb = (n: number) => `${Math.round(n / MB)} MB`;
        if (PROBE) {
          const idle = (await ask(svc.child, { type: 'reset' }, 'reset')).now!;
          process.stderr.write(
            `${job}: before the run rss ${mb(before.rss)} (start-up peak ${mb(before.hwm)}), heap ${mb(idle.heapUsed)} used of ${mb(idle.heapTotal)}, external ${mb(idle.external)}\n`,
          );
        }
        const sent = sink.count();
        const started = performance.now();
        const res = await fetch(`${svc.base}/api/v1/admin/jobs/${job}/run`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ now: NOW }),
        });
        const wallMs = performance.now() - started;
        const after = status(svc.child.pid!);
        const body = (await res.json()) as { sent: number; failed: number };
        if (!res.ok || body.failed) throw new Error(`${job}: ${res.status} ${JSON.stringify(body)}`);
        const report: ProbeMessage = PROBE ? await ask(svc.child, { type: 'report' }, 'report') : { type: 'none' };
        const p = report.peaks as unknown as Record<string, number> | undefined;
        if (p)
          process.stderr.write(
            `${job}: peaks rss ${mb(after.hwm)}, heap ${mb(p.heapUsed)} used of ${mb(p.heapTotal)}, external ${mb(p.external)}, arrayBuffers ${mb(p.arrayBuffers)}\n`,
          );
        if (PROBE && process.env.BENCH_HEAP_SNAPSHOT) {
          const path = join(resolve(process.env.BENCH_HEAP_SNAPSHOT), `${job}-${Date.now()}.heapsnapshot`);
          process.stderr.write(
            `heap snapshot: ${(await ask(svc.child, { type: 'snapshot', path }, 'snapshot')).path}\n`,
          );
        }
        rows.push({
          run: job,
          db: db.label,
          messages: sink.count() - sent,
          wallMs,
          peakRssMb: after.hwm / MB,
          startRssMb: before.rss / MB,
          peakHeapMb: (p?.heapUsed ?? NaN) / MB,
          processPeakMb: Math.max(before.hwm, after.hwm) / MB,
          load: load(),
        });
      } finally {
        await svc.stop();
        await copy.drop();
      }
    }
  } finally {
    await db.drop();
  }
  return rows;
}

/** The method before 2026-12-01 (session 4): seeding and the runs in this one process. */
async function inProcessMethod(sink: Awaited<ReturnType<typeof smtpSink>>): Promise<Row[]> {
  let target: DatabaseTarget | undefined;
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-digest-'));
    const pglite = await EmbeddedPostgres.start(dir);
    target = {
      url: pglite.url,
      embedded: true,
      description: `PGlite in ${dir}`,
      stop: async () => {
        await pglite.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const t = await startTestApp(
    {
      LOG_LEVEL: 'warn',
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://remediation.example.com',
      MAIL_FROM: 'Remediation Tracker <remediation@example.com>',
    },
    target,
  );
  const rows: Row[] = [];
  try {
    await seed(t.app.get(DataSource));
    const admin = t.app.get(NotificationsAdminService);
    const db = `${t.db.embedded ? 'embedded (PGlite on disk)' : 'PostgreSQL'}, in-process`;
    for (const job of JOBS) {
      const start = process.memoryUsage().rss;
      let peak = start;
      let heap = process.memoryUsage().heapUsed;
      const timer = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        heap = Math.max(heap, m.heapUsed);
      }, 20);
      const sent = sink.count();
      const started = performance.now();
      let result: { failed: number };
      try {
        result = await admin.run(job, NOW);
      } finally {
        clearInterval(timer);
      }
      if (result.failed) throw new Error(`${job}: ${result.failed} message(s) failed`);
      rows.push({
        run: job,
        db,
        messages: sink.count() - sent,
        wallMs: performance.now() - started,
        peakRssMb: Math.max(peak, process.memoryUsage().rss) / MB,
        startRssMb: start / MB,
        peakHeapMb: heap / MB,
        load: load(),
      });
    }
  } finally {
    await t.close();
    await target?.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const sink = await smtpSink();
  const startLoad = load();
  let rows: Row[];
  try {
    rows = process.env.BENCH_METHOD === 'in-process' ? await inProcessMethod(sink) : await serviceMethod(sink);
  } finally {
    await sink.close();
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${startLoad} at the start\n\n` +
      '| run | database | messages | wall time | messages/s | peak RSS | RSS before the run | peak JS heap | service peak since start | load average after |\n' +
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n' +
      rows
        .map(
          (r) =>
            `| ${r.run} | ${r.db} | ${r.messages} | ${(r.wallMs / 1000).toFixed(2)} s | ${Math.round(r.messages / (r.wallMs / 1000))} | ${Math.round(r.peakRssMb)} MB | ${Math.round(r.startRssMb)} MB | ${Number.isNaN(r.peakHeapMb) ? 'n/a' : `${Math.round(r.peakHeapMb)} MB`} | ${r.processPeakMb === undefined ? '' : `${Math.round(r.processPeakMb)} MB`} | ${r.load} |`,
        )
        .join('\n') +
      '\n',
  );
  // The target is the digest's (issue 11); the nudge run is reported beside it.
  const missed = rows.filter((r) => r.run === 'weekly-digest' && (r.wallMs > TARGET_MS || r.peakRssMb > TARGET_RSS_MB));
  if (missed.length) {
    process.stdout.write(`\nTarget missed (< 60 s, < 300 MB): ${missed.map((r) => r.run).join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
