import { DataSource } from 'typeorm';
import { TicketTarget1796140100000 } from '../../migrations/1796140100000-TicketTarget.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { createTestDatabase } from '../support/test-database.js';

/** ticket_project and ticket_repo become one ticket_target column; every existing value survives, and down restores them. */
it('TicketTarget moves Jira projects and GitHub repositories into one column and back', async () => {
  const db = await createTestDatabase();
  const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(TicketTarget1796140100000));
  const options = { ...dataSourceOptions(db.url, 2), entities: [] };
  const old = new DataSource({ ...options, migrations: before });
  await old.initialize();
  try {
    await old.runMigrations();
    const [person] = await old.query<Array<{ id: string }>>(
      `INSERT INTO person (name, email) VALUES ('Marcus Lee', 'marcus@example.com') RETURNING id`,
    );
    const [pm] = await old.query<Array<{ id: string }>>(
      `INSERT INTO postmortem (title, incident_start, severity) VALUES ('Checkout outage', now(), 'SEV2') RETURNING id`,
    );
    for (const [title, project, repo] of [
      ['jira', 'OPS', null],
      ['github', null, 'acme/api'],
      ['none', null, null],
    ])
      await old.query(
        `INSERT INTO action_item (postmortem_id, title, success_criteria, owner_id, due_date, priority, horizon, ticket_project, ticket_repo)
         VALUES ($1, $2, 'criteria', $3, '2026-12-15', 'high', 'short_term', $4, $5)`,
        [pm.id, title, person.id, project, repo],
      );
  } finally {
    await old.destroy();
  }

  // Up to and including TicketTarget, so that undoing the last migration undoes this one.
  const through = MIGRATIONS.slice(0, MIGRATIONS.indexOf(TicketTarget1796140100000) + 1);
  const ds = new DataSource({ ...options, migrations: through });
  await ds.initialize();
  try {
    await ds.runMigrations();
    expect(await ds.query(`SELECT title, ticket_target AS target FROM action_item ORDER BY title`)).toEqual([
      { title: 'github', target: 'acme/api' },
      { title: 'jira', target: 'OPS' },
      { title: 'none', target: null },
    ]);
    await ds.undoLastMigration();
    expect(
      await ds.query(`SELECT title, ticket_project AS project, ticket_repo AS repo FROM action_item ORDER BY title`),
    ).toEqual([
      { title: 'github', project: null, repo: 'acme/api' },
      { title: 'jira', project: 'OPS', repo: null },
      { title: 'none', project: null, repo: null },
    ]);
  } finally {
    await ds.destroy();
    await db.stop();
  }
});
