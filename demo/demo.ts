/**
 * `npm run demo`: the whole loop on one machine, with nothing to install or configure. The
 * service runs on an in-memory embedded database, its tracker connections point at the
 * in-process Jira and GitHub sandboxes the test suite uses (test/fakes), and its mail goes to an
 * in-process SMTP catcher. The sample postmortems (demo/fixtures/samples) are entered through
 * the API and a year of generated history is added; the real ticket jobs create the tickets in
 * the sandboxes, a few tickets are then closed and reopened there and a sync brings the
 * statuses back; the nudges and the digest run once. It prints the dashboard's address and an
 * admin token and runs until Ctrl-C.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../src/common/roles.js';
import { TokensService } from '../src/auth/index.js';
import { loadEnv } from '../src/config/index.js';
import { createApp } from '../src/create-app.js';
import { openDatabaseTarget } from '../src/database/database-target.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { FakeGithub } from '../test/fakes/fake-github.server.js';
import { FakeJira } from '../test/fakes/fake-jira.server.js';
import { drainJobs } from '../test/support/jobs.js';
import { trackerEnv } from '../test/support/tracker-fixtures.js';
import { apiClient, type Call, closeItem, loadSamples, seedHistory, seedSamples } from './seed.js';
import { SmtpCatcher } from './smtp-catcher.js';

/** The sandboxes' projects: the samples' own (CHK-101, NOTIF-77, example/login#311). */
export const DEMO_JIRA_PROJECTS = ['CHK', 'NOTIF'];
export const DEMO_GITHUB_REPO = 'example/login';

export interface DemoOptions {
  /** Port of the service; 0 picks a free one. Default 3000 (the next free one if taken). */
  port?: number;
  host?: string;
  /** Generated history: postmortems and action items over the last `historyDays` days. */
  historyPostmortems?: number;
  historyItems?: number;
  historyDays?: number;
  /** Service log level (pino). Default warn: the demo's own lines stay readable. */
  logLevel?: string;
  /** Where progress lines go. Default: nowhere. */
  log?: (line: string) => void;
}

/** A change made by hand in a sandbox, and the item status the sync should give its item. */
export interface TrackerChange {
  key: string;
  itemId: string;
  what: string;
  itemStatus: 'done' | 'wont_do' | 'open';
}

export interface DemoReport {
  readyMs: number;
  samplePostmortems: number;
  sampleItems: number;
  generatedPostmortems: number;
  generatedItems: number;
  tickets: { jira: number; github: number; failed: number };
  /** Tickets closed or reopened by hand in the sandboxes (in order), and what the syncs changed. */
  trackerChanges: TrackerChange[];
  syncChanged: number;
  /** Tickets the service closed because their item was closed here. */
  closedFromService: number;
  email: { sent: boolean; messages: number; note: string };
}

export interface Demo {
  url: string;
  /** The sample postmortems, in the order of their files. */
  postmortemIds: string[];
  adminToken: string;
  viewerToken: string;
  app: INestApplication;
  jira: FakeJira;
  github: FakeGithub;
  smtp: SmtpCatcher;
  report: DemoReport;
  stop(): Promise<void>;
}

/** A free port on loopback (PUBLIC_URL must name the port before the service starts). */
async function freePort(host: string, wanted: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(null));
      s.listen(port, host, () => {
        const got = (s.address() as { port: number }).port;
        s.close(() => resolve(got));
      });
    });
  return (wanted ? await tryPort(wanted) : null) ?? (await tryPort(0))!;
}

/**
 * A weekday moment in the nudges' sending window (09:00-17:00 UTC): now if it is one, else the
 * last weekday at 10:00 UTC. The digest is due from Monday 09:00, so the same moment serves it.
 */
export function officeHours(now = new Date()): Date {
  const weekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
  if (weekday(now) && now.getUTCHours() >= 10 && now.getUTCHours() < 17) return now;
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 10));
  while (d > now || !weekday(d)) d.setUTCDate(d.getUTCDate() - 1);
  return d;
}

interface ItemRow {
  id: string;
  title: string;
  status: string;
  ticket: { key: string | null; number: number | null; repo: string | null; state: string } | null;
}

async function mustCall(call: Call, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Starts everything and runs the loop once; `stop()` undoes it. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const step = (what: string, since: number) => log(`  ✓ ${what} (${((Date.now() - since) / 1000).toFixed(1)} s)`);
  const host = options.host ?? '127.0.0.1';
  const cleanup: Array<() => Promise<unknown>> = [];
  /** Undoes every step, last first, even when one fails; then reports the first failure. */
  const stop = async () => {
    const failures: unknown[] = [];
    for (const undo of cleanup.reverse()) await undo().catch((err: unknown) => failures.push(err));
    cleanup.length = 0;
    if (failures.length) throw failures[0];
  };
  try {
    let t = Date.now();
    const jira = new FakeJira({ flavor: 'cloud', projects: DEMO_JIRA_PROJECTS });
    // Served under /api/v3: a GitHub API address other than api.github.com is an Enterprise Server.
    const github = new FakeGithub({ repos: [DEMO_GITHUB_REPO], pathPrefix: '/api/v3' });
    const smtp = new SmtpCatcher();
    await Promise.all([jira.start(), github.start(), smtp.start()]);
    cleanup.push(
      () => jira.stop(),
      () => github.stop(),
      () => smtp.stop(),
    );

    const port = await freePort(host, options.port ?? 3000);
    const url = `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${port}`;
    const env = loadEnv({
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: host,
      PUBLIC_URL: url,
      EMBEDDED_DB_DIR: 'memory',
      // The tracker credentials' key lives as long as the in-memory data.
      APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: options.logLevel ?? 'warn',
      JOBS_ENABLED: 'true',
      // A failed ticket is retried in seconds, not the production half-minute.
      TICKET_RETRY_DELAY_SECONDS: '2',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Remediation Tracker <remediation@demo.example>',
      ...trackerEnv({ gh: github, jira, repo: DEMO_GITHUB_REPO, project: DEMO_JIRA_PROJECTS[0] }),
    });
    const target = await openDatabaseTarget(env);
    cleanup.push(() => target.stop());
    await prepareDatabase(target.url);
    const app = await createApp(env, target);
    cleanup.push(() => app.close());
    await app.listen(port, host);
    const tokens = app.get(TokensService);
    const adminToken = (await tokens.create('demo admin', 'admin', SYSTEM_ACTOR)).token;
    const viewerToken = (await tokens.create('demo viewer', 'viewer', SYSTEM_ACTOR)).token;
    const call = apiClient(`http://127.0.0.1:${port}`, adminToken);
    step('service on an in-memory database, Jira and GitHub sandboxes, SMTP catcher', t);

    t = Date.now();
    const connections = (
      (await mustCall(call, 'GET', '/tracker-connections')) as { items: Array<{ id: string; name: string }> }
    ).items;
    const conn = (name: string) => connections.find((c) => c.name === name)!.id;
    const samples = loadSamples();
    // Each sample's tickets go where its document says they were: Jira CHK, GitHub, Jira NOTIF.
    const targets = [
      { connectionId: conn('default-jira'), project: 'CHK' },
      { connectionId: conn('default-github'), repo: DEMO_GITHUB_REPO },
      { connectionId: conn('default-jira'), project: 'NOTIF' },
    ];
    const seeded = await seedSamples(call, samples, (n) => targets[n % targets.length], { deferCloses: true });
    const ds = app.get(DataSource);
    const history = {
      postmortems: options.historyPostmortems ?? 60,
      items: options.historyItems ?? 700,
      days: options.historyDays ?? 365,
    };
    await seedHistory(ds, history);
    step(
      `seeded ${samples.length} sample postmortems (${seeded.itemIds.length} accepted items) and ${history.items} items of generated history`,
      t,
    );

    t = Date.now();
    await drainJobs(app, { queues: ['ticket-create'], timeoutMs: 60_000 });
    // The items the documents list as closed are closed now that their tickets exist: the
    // ticket-update job closes the tickets in the sandboxes.
    for (const id of seeded.closeLater) await closeItem(call, id);
    await drainJobs(app, { queues: ['ticket-update'], timeoutMs: 60_000 });
    const items = async () =>
      (
        await Promise.all(
          seeded.postmortemIds.map(
            async (id) =>
              ((await mustCall(call, 'GET', `/action-items?postmortemId=${id}&limit=200`)) as { items: ItemRow[] })
                .items,
          ),
        )
      ).flat();
    const linked = (await items()).filter((i) => i.ticket?.state === 'linked');
    const failed = (await items()).filter((i) => i.ticket?.state === 'failed').length;
    const jiraTickets = DEMO_JIRA_PROJECTS.flatMap((p) => jira.allIssues(p));
    const githubTickets = github.allIssues(DEMO_GITHUB_REPO);
    step(
      `ticket jobs created ${jiraTickets.length} Jira and ${githubTickets.length} GitHub tickets and closed ${seeded.closeLater.length}`,
      t,
    );

    t = Date.now();
    // People act in the trackers: a Jira ticket is done, another won't be done, two GitHub
    // issues are closed and one of them is reopened after the first sync.
    const trackerChanges: TrackerChange[] = [];
    const openLinked = linked.filter((i) => i.status === 'open' || i.status === 'in_progress');
    const onJira = openLinked.filter((i) => i.ticket?.repo === null && i.ticket.key);
    const onGithub = openLinked.filter((i) => i.ticket?.repo && i.ticket.number !== null);
    const change = (i: ItemRow, what: string, itemStatus: TrackerChange['itemStatus']) =>
      trackerChanges.push({ key: i.ticket!.key!, itemId: i.id, what: `${i.ticket!.key} ${what}`, itemStatus });
    if (onJira[0]) {
      jira.transitionAsHuman(onJira[0].ticket!.key!, 'done');
      change(onJira[0], 'moved to Done in Jira', 'done');
    }
    if (onJira[1]) {
      jira.transitionAsHuman(onJira[1].ticket!.key!, 'done', "Won't Do");
      change(onJira[1], "resolved as Won't Do in Jira", 'wont_do');
    }
    for (const i of onGithub.slice(0, 2)) {
      github.closeAsHuman(DEMO_GITHUB_REPO, i.ticket!.number!, 'completed');
      change(i, 'closed on GitHub', 'done');
    }
    const sync = async () =>
      ((await mustCall(call, 'POST', '/admin/jobs/tracker-sync/run')) as { changed: number }).changed;
    let syncChanged = await sync();
    const reopened = onGithub[1];
    if (reopened) {
      github.reopenAsHuman(DEMO_GITHUB_REPO, reopened.ticket!.number!);
      change(reopened, 'reopened on GitHub', 'open');
      syncChanged += await sync();
    }
    step(`tracker sync brought back ${syncChanged} change(s): ${trackerChanges.map((c) => c.what).join('; ')}`, t);

    t = Date.now();
    const email = await sendEmail(call, app, smtp);
    step(`email: ${email.note}`, t);

    const report: DemoReport = {
      readyMs: Date.now() - started,
      samplePostmortems: samples.length,
      sampleItems: seeded.itemIds.length,
      generatedPostmortems: history.postmortems,
      generatedItems: history.items,
      tickets: { jira: jiraTickets.length, github: githubTickets.length, failed },
      trackerChanges,
      syncChanged,
      closedFromService: seeded.closeLater.length,
      email,
    };
    const { postmortemIds } = seeded;
    return { url, postmortemIds, adminToken, viewerToken, app, jira, github, smtp, report, stop };
  } catch (err) {
    await stop().catch(() => undefined); // the first error is the one to show
    throw err;
  }
}

/**
 * The overdue nudges and the weekly digest, once, as of office hours (they only send then),
 * to the SMTP catcher. Email is another feature (src/notifications): without its admin
 * endpoints the demo says so and goes on.
 */
async function sendEmail(call: Call, app: INestApplication, smtp: SmtpCatcher): Promise<DemoReport['email']> {
  const now = officeHours().toISOString();
  const nudges = await call('POST', '/admin/jobs/overdue-nudges/run', { now });
  if (nudges.status === 404)
    return { sent: false, messages: 0, note: 'skipped: this build has no email notifications yet' };
  if (nudges.status >= 300) return { sent: false, messages: 0, note: `skipped: the nudges answered ${nudges.status}` };
  await mustCall(call, 'POST', '/admin/jobs/weekly-digest/run', { now });
  // Assignment notices go through the job queue: wait for them too.
  await drainJobs(app, { timeoutMs: 30_000 }).catch(() => undefined);
  const messages = smtp.messages.length;
  return {
    sent: messages > 0,
    messages,
    note: `${messages} message(s) (assignment notices, nudges, digests) delivered to the SMTP catcher`,
  };
}

/** Text for the terminal once the demo is up. */
export function banner(demo: Demo): string {
  const r = demo.report;
  return [
    '',
    `  Remediation tracker demo: ready in ${(r.readyMs / 1000).toFixed(1)} s`,
    '',
    `  Dashboard     ${demo.url}/`,
    `  Admin token   ${demo.adminToken}`,
    `  Viewer token  ${demo.viewerToken}`,
    `  API docs      ${demo.url}/api/docs`,
    '',
    `  Sign in on the dashboard with either token. Try the API:`,
    `    curl -H "Authorization: Bearer ${demo.adminToken}" ${demo.url}/api/v1/dashboard/summary`,
    `    curl -H "Authorization: Bearer ${demo.adminToken}" ${demo.url}/api/v1/admin/deliveries`,
    '',
    `  Jira sandbox   ${demo.jira.http.url} (projects ${DEMO_JIRA_PROJECTS.join(', ')}): ${r.tickets.jira} tickets`,
    `  GitHub sandbox ${demo.github.apiUrl} (${DEMO_GITHUB_REPO}): ${r.tickets.github} issues`,
    `  Email          ${r.email.note}`,
    '',
    '  Everything is in memory: Ctrl-C stops the demo and forgets it.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log('Starting the remediation tracker demo…');
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const demo = await startDemo({ port, host: process.env.HOST, logLevel: process.env.LOG_LEVEL, log });
  log(banner(demo));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping the demo…`);
    const since = Date.now();
    void demo.stop().then(
      () => {
        log(`Stopped in ${((Date.now() - since) / 1000).toFixed(1)} s.`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error('Stopping failed:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  main().catch((err: unknown) => {
    console.error('The demo could not start:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
