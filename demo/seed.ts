import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';

/** The sample postmortems copied into the project (copied once from the team's shared samples; the project never reads outside itself). */
export const SAMPLES_DIR = resolve(process.cwd(), 'demo', 'fixtures', 'samples');

export interface SampleItem {
  text: string;
  owner: string | null;
  due: string | null;
  priority: string | null;
  closed: boolean;
}
export interface SamplePostmortem {
  title: string;
  date: string;
  severity: string;
  facilitator: string | null;
  summary: string;
  impact: string;
  causes: string[];
  items: SampleItem[];
}

const section = (md: string, name: string) => {
  const m = new RegExp(`^## ${name}\\n([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm').exec(md);
  return m?.[1]?.trim() ?? '';
};
const field = (md: string, name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(md)?.[1]?.trim() ?? null;
const bullets = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2).trim());

/** Reads one sample: the common template's header fields, sections and action items table. */
export function parseSample(md: string): SamplePostmortem {
  const rows = section(md, 'Action items')
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return {
    title: (/^# (?:Postmortem: )?(.+)$/m.exec(md)?.[1] ?? 'Untitled').replace(/^./, (c) => c.toUpperCase()),
    date: field(md, 'Date') ?? '2026-01-01',
    severity: field(md, 'Severity') ?? 'SEV-3',
    facilitator: field(md, 'Facilitator'),
    summary: section(md, 'Summary').replace(/\n/g, ' '),
    impact: bullets(section(md, 'Impact')).join(' '),
    causes: bullets(section(md, 'Causes and contributing factors')),
    items: rows.map(([text, owner, due, priority, status]) => ({
      text: (text ?? '').replace(/`/g, ''),
      owner: owner || null,
      due: due || null,
      priority: priority || null,
      closed: status === 'Closed',
    })),
  };
}

export const loadSamples = (dir = SAMPLES_DIR) =>
  readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}-.+\.md$/.test(f))
    .sort()
    .map((f) => parseSample(readFileSync(join(dir, f), 'utf8')));

export type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** A client for the running service's API with an admin token. */
export function apiClient(baseUrl: string, token: string): Call {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

const TEAMS = ['Checkout', 'Identity', 'Notifications', 'Platform'];
const email = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[^\w\s]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '.')}@example.com`;

async function must(call: Call, method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const res = await call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Where the tickets of the `index`th sample's items go (the accept request's `tracker`). */
export type SampleTracker = (index: number) => { connectionId: string; project?: string; repo?: string } | null;

/** Marks an item done through the API, as its owner would. */
export const closeItem = (call: Call, itemId: string) =>
  must(call, 'PATCH', `/action-items/${itemId}`, { status: 'done' });

/**
 * The samples through the public API, as a facilitator would enter them: teams, people,
 * postmortems, recommendations; items with an owner, a date and a priority are accepted
 * (approver override where the quality gate objects, e.g. a past due date), the rest stay
 * proposed for the gate to show. `tracker` names the connection tickets go to, if any.
 * Items the document lists as closed are closed at once, or, with `deferCloses`, returned in
 * `closeLater` for the caller to close once their tickets exist (a close made while the ticket
 * is still being created does not reach the tracker).
 */
export async function seedSamples(
  call: Call,
  samples: SamplePostmortem[],
  tracker?: SampleTracker,
  options: { deferCloses?: boolean } = {},
): Promise<{ postmortemIds: string[]; teamIds: Record<string, string>; itemIds: string[]; closeLater: string[] }> {
  const teamIds: Record<string, string> = {};
  for (const name of TEAMS) teamIds[name] = (await must(call, 'POST', '/teams', { name })).id;
  const people = new Map<string, string>();
  const personId = async (name: string, team: string) => {
    let id = people.get(name);
    if (!id) {
      id = (await must(call, 'POST', '/people', { name, email: email(name), teamId: teamIds[team] })).id;
      people.set(name, id);
    }
    return id;
  };
  const postmortemIds: string[] = [];
  const itemIds: string[] = [];
  const closeLater: string[] = [];
  for (const [n, s] of samples.entries()) {
    const team = TEAMS[n % 3];
    const facilitatorId = s.facilitator ? await personId(s.facilitator, team) : undefined;
    const pm = await must(call, 'POST', '/postmortems', {
      title: s.title,
      incidentStart: `${s.date}T09:00:00Z`,
      incidentEnd: `${s.date}T10:00:00Z`,
      severity: s.severity,
      summary: s.summary,
      impact: s.impact,
      causes: s.causes,
      facilitatorId,
      teamId: teamIds[team],
    });
    postmortemIds.push(pm.id);
    for (const item of s.items) {
      const rec = await must(call, 'POST', `/postmortems/${pm.id}/recommendations`, { text: item.text });
      // Items without a real person, date or priority stay proposed: the gate's findings show why.
      if (!item.owner || !item.due || !item.priority || /team$/i.test(item.owner)) continue;
      const accepted = await must(call, 'POST', `/recommendations/${rec.id}/accept`, {
        title: item.text,
        successCriteria: item.text,
        ownerId: await personId(item.owner, team),
        dueDate: item.due,
        priority: item.priority,
        horizon: item.priority === 'critical' || item.priority === 'high' ? 'short_term' : 'long_term',
        tracker: tracker?.(n) ?? null,
        override: { reason: 'Imported from the published postmortem document' },
      });
      itemIds.push(accepted.id);
      if (item.closed && options.deferCloses) closeLater.push(accepted.id);
      else if (item.closed) await closeItem(call, accepted.id);
    }
  }
  return { postmortemIds, teamIds, itemIds, closeLater };
}

/** A small deterministic generator, so a seeded history is the same on every run. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY_MS = 86_400_000;
const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
const WINDOW = { critical: 7, high: 30, medium: 60, low: 90 };

/**
 * History written straight to the tables (the API cannot set past instants): `postmortems`
 * postmortems with `items` action items opened over the last `days` days. Most close, some on
 * time and some late; older ones are more likely closed. Owners are the existing people.
 */
export async function seedHistory(
  ds: DataSource,
  opts: { postmortems: number; items: number; days: number; seed?: number; now?: Date },
): Promise<void> {
  const rnd = random(opts.seed ?? 42);
  const now = (opts.now ?? new Date()).getTime();
  const people = (await ds.query<Array<{ id: string }>>('SELECT id FROM person ORDER BY email')).map((r) => r.id);
  const teams = (await ds.query<Array<{ id: string }>>('SELECT id FROM team ORDER BY name')).map((r) => r.id);
  if (!people.length) throw new Error('seedHistory needs people first');
  const pmRows: unknown[][] = [];
  for (let i = 0; i < opts.postmortems; i++) {
    const at = new Date(now - rnd() * opts.days * DAY_MS);
    pmRows.push([
      `Incident ${i + 1}: ${['latency', 'errors', 'outage', 'data delay'][i % 4]} in ${['checkout', 'login', 'search', 'billing', 'notifications'][i % 5]}`,
      at.toISOString(),
      `SEV-${1 + Math.floor(rnd() * 4)}`,
      teams.length ? teams[i % teams.length] : null,
    ]);
  }
  const pmIds: string[] = [];
  for (let i = 0; i < pmRows.length; i += 500) {
    const chunk = pmRows.slice(i, i + 500);
    const rows = await ds.query<Array<{ id: string }>>(
      `INSERT INTO postmortem (title, incident_start, incident_end, severity, status, team_id, causes, created_at)
       SELECT t, s::timestamptz, s::timestamptz + interval '1 hour', sev, 'published', team::uuid,
              '["A change was deployed without a staged rollout"]'::jsonb, s::timestamptz + interval '3 days'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(t, s, sev, team) RETURNING id`,
      [chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2]), chunk.map((r) => r[3])],
    );
    pmIds.push(...rows.map((r) => r.id));
  }
  const cols: Record<string, unknown[]> = {
    pm: [],
    owner: [],
    title: [],
    due: [],
    prio: [],
    status: [],
    created: [],
    closed: [],
    acked: [],
  };
  for (let i = 0; i < opts.items; i++) {
    const created = now - rnd() * opts.days * DAY_MS;
    const prio = PRIORITIES[Math.min(3, Math.floor(rnd() * 4))];
    const due = created + (WINDOW[prio] * (0.5 + rnd() * 0.5) + 3) * DAY_MS;
    const age = (now - created) / DAY_MS;
    const r = rnd();
    // Older items are more likely closed; a quarter of the closes come after the due date.
    const closes = r < Math.min(0.92, age / 60);
    const late = rnd() < 0.25;
    let closed = closes ? (late ? due + rnd() * 30 * DAY_MS : created + (due - created) * (0.2 + rnd() * 0.8)) : null;
    if (closed !== null && closed > now) closed = null;
    cols.pm.push(pmIds[Math.floor(rnd() * pmIds.length)]);
    cols.owner.push(people[Math.floor(rnd() * people.length)]);
    cols.title.push(
      `Add an alert when ${['queue age', 'error rate', 'p99 latency', 'disk use'][i % 4]} exceeds its threshold for 5 minutes (#${i + 1})`,
    );
    cols.due.push(new Date(due).toISOString().slice(0, 10));
    cols.prio.push(prio);
    cols.status.push(closed === null ? (rnd() < 0.3 ? 'in_progress' : 'open') : rnd() < 0.1 ? 'wont_do' : 'done');
    cols.created.push(new Date(created).toISOString());
    cols.closed.push(closed === null ? null : new Date(closed).toISOString());
    // Most owners acknowledge a new item within a few days of the notice.
    const acked = rnd() < 0.8 ? Math.min(created + rnd() * 4 * DAY_MS, now) : null;
    cols.acked.push(acked === null ? null : new Date(acked).toISOString());
  }
  for (let i = 0; i < opts.items; i += 5000) {
    const slice = (k: string) => cols[k].slice(i, i + 5000);
    await ds.query(
      `INSERT INTO action_item (postmortem_id, owner_id, title, success_criteria, due_date, priority, horizon, status,
         wont_do_reason, created_at, updated_at, closed_at, acknowledged_at)
       SELECT pm::uuid, owner::uuid, title, 'The alert fires in the staging drill', due::date, prio, 'short_term', st,
              CASE WHEN st = 'wont_do' THEN 'Superseded by a later change' END, cr::timestamptz, cr::timestamptz, cl::timestamptz,
              ack::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[])
         AS x(pm, owner, title, due, prio, st, cr, cl, ack)`,
      ['pm', 'owner', 'title', 'due', 'prio', 'status', 'created', 'closed', 'acked'].map(slice),
    );
  }
}
