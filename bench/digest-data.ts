/**
 * The digest benchmark's data set (issue 11): 1,000 owners in 20 teams (the first member of each
 * team leads and manages it), 200 postmortems, 20,000 open items of which 5,000 are overdue.
 * Written with `generate_series`, not through the API.
 */
export const OWNERS = 1_000;
export const TEAMS = 20;
export const ITEMS = 20_000;
export const OVERDUE = 5_000;
export const POSTMORTEMS = 200;
/** Monday 09:30 UTC: every (UTC) recipient's digest is due, and it is within nudge hours. */
export const NOW = '2026-12-07T09:30:00Z';

interface Queryable {
  query(sql: string): Promise<unknown>;
}

export async function seed(db: Queryable): Promise<void> {
  await db.query(`INSERT INTO team (name) SELECT 'Team ' || lpad(g::text, 2, '0') FROM generate_series(1, ${TEAMS}) g`);
  await db.query(
    `WITH t AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM team)
     INSERT INTO person (name, email, timezone, team_id)
     SELECT 'Owner ' || g, 'owner' || g || '@example.com', 'UTC', t.id FROM generate_series(0, ${OWNERS - 1}) g JOIN t ON t.n = g % ${TEAMS}`,
  );
  // The first member of each team leads it and manages the others.
  await db.query(
    `UPDATE team SET lead_id = (SELECT p.id FROM person p WHERE p.team_id = team.id ORDER BY p.email LIMIT 1)`,
  );
  await db.query(`UPDATE person p SET manager_id = t.lead_id FROM team t WHERE p.team_id = t.id AND p.id <> t.lead_id`);
  await db.query(
    `WITH f AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM person)
     INSERT INTO postmortem (title, incident_start, severity, status, facilitator_id)
     SELECT 'Incident ' || g || ': checkout latency', timestamptz '2026-10-01', 'SEV-2', 'published', f.id
       FROM generate_series(0, ${POSTMORTEMS - 1}) g JOIN f ON f.n = (g * 5) % ${OWNERS}`,
  );
  // 5,000 overdue by 1 to 60 days; the rest due in 1 to 90 days.
  await db.query(
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
