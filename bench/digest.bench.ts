/**
 * `npm run bench:digest`: the weekly digest and the overdue nudges for 1,000 owners in 20
 * teams with 20,000 open items (5,000 overdue), sent over SMTP on loopback to an in-process
 * server. The database is DATABASE_URL when set, else in-memory PGlite. Prints a Markdown table
 * and exits non-zero when a run misses the target (60 s, 300 MB peak RSS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../src/database/database-target.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { NotificationsAdminService } from '../src/notifications/notifications-admin.service.js';
import { startTestApp } from '../test/support/test-app.js';

const OWNERS = 1_000;
const TEAMS = 20;
const ITEMS = 20_000;
const OVERDUE = 5_000;
const POSTMORTEMS = 200;
/** Monday 09:30 UTC: every (UTC) recipient's digest is due, and it is within nudge hours. */
const NOW = '2026-12-07T09:30:00Z';
const TARGET_MS = 60_000;
const TARGET_RSS_MB = 300;

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

async function seed(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO team (name) SELECT 'Team ' || lpad(g::text, 2, '0') FROM generate_series(1, ${TEAMS}) g`);
  await ds.query(
    `WITH t AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM team)
     INSERT INTO person (name, email, timezone, team_id)
     SELECT 'Owner ' || g, 'owner' || g || '@example.com', 'UTC', t.id FROM generate_series(0, ${OWNERS - 1}) g JOIN t ON t.n = g % ${TEAMS}`,
  );
  // The first member of each team leads it and manages the others.
  await ds.query(
    `UPDATE team SET lead_id = (SELECT p.id FROM person p WHERE p.team_id = team.id ORDER BY p.email LIMIT 1)`,
  );
  await ds.query(`UPDATE person p SET manager_id = t.lead_id FROM team t WHERE p.team_id = t.id AND p.id <> t.lead_id`);
  await ds.query(
    `WITH f AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM person)
     INSERT INTO postmortem (title, incident_start, severity, status, facilitator_id)
     SELECT 'Incident ' || g || ': checkout latency', timestamptz '2026-10-01', 'SEV-2', 'published', f.id
       FROM generate_series(0, ${POSTMORTEMS - 1}) g JOIN f ON f.n = (g * 5) % ${OWNERS}`,
  );
  // 5,000 overdue by 1 to 60 days; the rest due in 1 to 90 days.
  await ds.query(
    `WITH o AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM person),
          pm AS (SELECT id, row_number() OVER (ORDER BY title, id) - 1 AS n FROM postmortem)
     INSERT INTO action_item (postmortem_id, title, success_criteria, owner_id, due_date, priority, horizon, created_at)
     SELECT pm.id, 'Add an alert on connection pool saturation for service ' || g,
            'The alert fires in staging when the pool is above 90% for 5 minutes', o.id,
            CASE WHEN g < ${OVERDUE} THEN date '2026-12-07' - (1 + g % 60) ELSE date '2026-12-07' + (1 + g % 90) END,
            'high', 'short_term', timestamptz '2026-09-01'
       FROM generate_series(0, ${ITEMS - 1}) g JOIN o ON o.n = g % ${OWNERS} JOIN pm ON pm.n = g % ${POSTMORTEMS}`,
  );
}

interface Row {
  run: string;
  db: string;
  messages: number;
  wallMs: number;
  peakRssMb: number;
  /** RSS just before the run: the process with its data loaded (and, embedded, the database itself). */
  startRssMb: number;
  peakHeapMb: number;
}

async function measure(
  run: () => Promise<unknown>,
): Promise<{ wallMs: number; peakRssMb: number; startRssMb: number; peakHeapMb: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    wallMs: performance.now() - started,
    peakRssMb: peak / 1_048_576,
    startRssMb: start / 1_048_576,
    peakHeapMb: heap / 1_048_576,
  };
}

/** Without DATABASE_URL: the embedded database on disk, as `npm start` runs it (EMBEDDED_DB_DIR). */
async function embeddedOnDisk(): Promise<DatabaseTarget | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'bench-digest-'));
  const pg = await EmbeddedPostgres.start(dir);
  return {
    url: pg.url,
    embedded: true,
    description: `PGlite in ${dir}`,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const sink = await smtpSink();
  const target = await embeddedOnDisk();
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
    const ds = t.app.get(DataSource);
    await seed(ds);
    const admin = t.app.get(NotificationsAdminService);
    const db = t.db.embedded ? 'embedded (PGlite on disk)' : 'PostgreSQL';
    global.gc?.();
    for (const job of ['weekly-digest', 'overdue-nudges'] as const) {
      const before = sink.count();
      let result: { sent: number; failed: number } = { sent: 0, failed: 0 };
      const m = await measure(async () => (result = await admin.run(job, NOW)));
      if (result.failed) throw new Error(`${job}: ${result.failed} message(s) failed`);
      rows.push({ run: job, db, messages: sink.count() - before, ...m });
    }
  } finally {
    await t.close();
    await target?.stop();
    await sink.close();
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n` +
      '| run | database | messages | wall time | messages/s | peak RSS | RSS before the run | peak JS heap |\n|---|---|---:|---:|---:|---:|---:|---:|\n' +
      rows
        .map(
          (r) =>
            `| ${r.run} | ${r.db} | ${r.messages} | ${(r.wallMs / 1000).toFixed(2)} s | ${Math.round(r.messages / (r.wallMs / 1000))} | ${Math.round(r.peakRssMb)} MB | ${Math.round(r.startRssMb)} MB | ${Math.round(r.peakHeapMb)} MB |`,
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
