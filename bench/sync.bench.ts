/**
 * `npm run bench:sync`: 10,000 linked items over 5 projects (3 Jira Cloud projects, 2 GitHub
 * repositories), fakes answering every request after 50 ms. Measures a full sync, an
 * incremental sync with 1% of tickets changed, a steady-state sync, and beside them a naive
 * sync that fetches each ticket on its own. Uses DATABASE_URL when set, else in-memory PGlite.
 */
import { cpus, totalmem } from 'node:os';
import { DataSource } from 'typeorm';
import { TrackerConnectionsService } from '../src/trackers/connections/tracker-connections.service.js';
import { TrackerSyncService, type SyncResult } from '../src/trackers/sync/tracker-sync.service.js';
import { TrackerRegistry } from '../src/trackers/tracker.registry.js';
import { FakeGithub } from '../test/fakes/fake-github.server.js';
import { FakeJira } from '../test/fakes/fake-jira.server.js';
import { makePerson, makePostmortem } from '../test/support/factories.js';
import { startTestApp } from '../test/support/test-app.js';
import { connectionIds, trackerEnv } from '../test/support/tracker-fixtures.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const NAIVE_CONCURRENCY = 16;
const JIRA_PROJECTS = ['OPS', 'PAY', 'INF'];
const GITHUB_REPOS = ['acme/api', 'acme/web'];
const PROJECTS = JIRA_PROJECTS.length + GITHUB_REPOS.length;

interface Row {
  run: string;
  requests: number;
  wallMs: number;
  checked: number;
  changed: number;
  note: string;
}

async function main(): Promise<void> {
  const jira = new FakeJira({ flavor: 'cloud', projects: JIRA_PROJECTS });
  const gh = new FakeGithub({ repos: GITHUB_REPOS, pathPrefix: '/api/v3', rateLimit: 1_000_000 });
  await Promise.all([jira.start(), gh.start()]);
  const t = await startTestApp({
    LOG_LEVEL: 'warn',
    ...trackerEnv({ gh, jira }),
  });
  try {
    const ds = t.app.get(DataSource);
    const ids = await connectionIds(t);
    const jiraConn = ids['default-jira'];
    const ghConn = ids['default-github'];
    const owner = await makePerson(t);
    const pm = await makePostmortem(t);

    // Items as a previous sync left them (ticket open, status known); tickets last touched yesterday,,
    // so only today's changes fall in the incremental window.
    const yesterday = new Date(Date.now() - 86_400_000);
    jira.clock.set(yesterday);
    gh.clock.set(yesterday);
    const perProject = Math.ceil(ITEMS / PROJECTS);
    const links: Array<{
      connectionId: string;
      project: string | null;
      repo: string | null;
      key: string;
      number: number | null;
      url: string;
      status: string;
    }> = [];
    for (const project of JIRA_PROJECTS)
      for (let i = 0; i < perProject && links.length < ITEMS; i++) {
        const issue = jira.seedIssue({ project, labels: ['postmortem'], summary: `Remediation ${links.length}` });
        links.push({
          connectionId: jiraConn,
          project,
          repo: null,
          key: issue.key,
          number: null,
          url: `${jira.http.url}/browse/${issue.key}`,
          status: 'To Do',
        });
      }
    for (const repo of GITHUB_REPOS)
      for (let i = 0; i < perProject && links.length < ITEMS; i++) {
        const issue = gh.seedIssue(repo, { labels: ['postmortem'], title: `Remediation ${links.length}` });
        links.push({
          connectionId: ghConn,
          project: null,
          repo,
          key: `${repo}#${issue.number}`,
          number: issue.number,
          url: `${gh.http.url}/${repo}/issues/${issue.number}`,
          status: 'open',
        });
      }
    jira.clock.set(new Date());
    gh.clock.set(new Date());
    await ds.query(
      `INSERT INTO action_item (postmortem_id, title, success_criteria, owner_id, due_date, priority, horizon, status,
                                ticket_connection_id, ticket_target, ticket_key, ticket_number, ticket_url, ticket_state,
                                ticket_external_status, ticket_remote_state)
       SELECT $1, 'Add a CI check that rejects locking migrations ' || l.key, 'The CI job fails on a locking migration', $2, CURRENT_DATE + 30, 'high', 'short_term', 'open',
              l."connectionId"::uuid, COALESCE(l.project, l.repo), l.key, l.number, l.url, 'linked', l.status, 'open'
         FROM jsonb_to_recordset($3::jsonb) AS l("connectionId" text, project text, repo text, key text, number int, url text, status text)`,
      [pm.id, owner.id, JSON.stringify(links)],
    );

    jira.http.latencyMs = LATENCY_MS;
    gh.http.latencyMs = LATENCY_MS;
    // The fakes share this process's two cores: validating 100-issue pages against the OpenAPI
    // documents is test instrumentation, not the trackers' cost (BENCH_VALIDATE=1 keeps it).
    jira.http.validate = gh.http.validate = process.env.BENCH_VALIDATE === '1';
    const sync = t.app.get(TrackerSyncService);
    const rows: Row[] = [];
    const record = (run: string, r: SyncResult, note = '') =>
      rows.push({ run, requests: r.requests, wallMs: r.durationMs, checked: r.checked, changed: r.changed, note });

    record('full sync (first run)', await sync.run({ full: true }));
    await sync.run(); // sets up GitHub's ETag for the incremental window
    const changedCount = Math.round(ITEMS / 100);
    const changed = links.filter((_, i) => i % 100 === 0).slice(0, changedCount);
    for (const l of changed) {
      if (l.repo) gh.closeAsHuman(l.repo, l.number!, 'completed');
      else jira.transitionAsHuman(l.key, 'done');
    }
    const ghBefore = gh.http.requests.length;
    const incremental = await sync.run();
    const incrementalGh = gh.http.requests.slice(ghBefore);
    const bound = PROJECTS + Math.ceil(changedCount / 100) + 1;
    record('incremental, 1% changed', incremental, `target ≤ ${bound} requests`);
    await sync.run(); // GitHub's first listing of the new window
    const steadyFrom = gh.http.requests.length;
    const steady = await sync.run();
    const steadyGh = gh.http.requests.slice(steadyFrom);
    record(
      'steady state (nothing changed)',
      steady,
      `GitHub: ${steadyGh.length} request(s), ${steadyGh.filter((r) => r.status === 304).length} answered 304`,
    );

    // The naive alternative: one GET per linked ticket, 16 at a time.
    const registry = t.app.get(TrackerRegistry);
    const connections = t.app.get(TrackerConnectionsService);
    const adapters = {
      [jiraConn]: registry.forConnection(await connections.find(ds.manager, jiraConn)),
      [ghConn]: registry.forConnection(await connections.find(ds.manager, ghConn)),
    };
    const naiveStart = Date.now();
    const jiraReqs = jira.http.requests.length;
    const ghReqs = gh.http.requests.length;
    const queue = [...links];
    await Promise.all(
      Array.from({ length: NAIVE_CONCURRENCY }, async () => {
        for (let l = queue.shift(); l; l = queue.shift())
          await adapters[l.connectionId].getIssue(l.key, l.project ?? l.repo ?? undefined);
      }),
    );
    const naiveRequests = jira.http.requests.length - jiraReqs + gh.http.requests.length - ghReqs;
    rows.push({
      run: `naive: one GET per item (${NAIVE_CONCURRENCY} in parallel)`,
      requests: naiveRequests,
      wallMs: Date.now() - naiveStart,
      checked: links.length,
      changed: 0,
      note: 'reads only, applies nothing',
    });

    const doneItems = Number((await ds.query(`SELECT count(*) AS n FROM action_item WHERE status = 'done'`))[0].n);
    console.log(
      `\nSync benchmark, ${new Date().toISOString().slice(0, 10)}; ${ITEMS} linked items over ${PROJECTS} projects; ${LATENCY_MS} ms latency per request`,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, database: ${t.db.description}\n`,
    );
    console.log('| run | requests | wall time | tickets checked | items changed | note |');
    console.log('|---|---:|---:|---:|---:|---|');
    for (const r of rows)
      console.log(
        `| ${r.run} | ${r.requests} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.checked} | ${r.changed} | ${r.note} |`,
      );
    console.log(
      `\nIncremental GitHub requests: ${incrementalGh.length} (${incrementalGh.filter((r) => r.status === 304).length} answered 304). Items closed after the incremental run: ${doneItems} of ${changedCount} changed tickets.`,
    );
    const failures = [
      incremental.requests > bound ? `incremental sync used ${incremental.requests} requests, above ${bound}` : null,
      steadyGh.some((r) => r.status !== 304) ? 'a steady-state GitHub request was not answered 304' : null,
      rows[0].wallMs > 10_000 ? `full sync took ${rows[0].wallMs} ms, above 10 s` : null,
      doneItems !== changedCount ? `${doneItems} items closed, expected ${changedCount}` : null,
    ].filter(Boolean);
    if (failures.length) {
      console.error(`\nTargets missed:\n  ${failures.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log('\nAll targets met.');
  } finally {
    await t.close();
    await Promise.all([jira.stop(), gh.stop()]);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
