import { DataSource } from 'typeorm';
import { TicketCloseCommented1796137000000 } from '../../migrations/1796137000000-TicketCloseCommented.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { createTestDatabase } from '../support/test-database.js';

/** The migration that moves "close comment posted" from the audit log to a column keeps what the log knew. */
it('TicketCloseCommented fills the column from the audit log of existing items', async () => {
  const db = await createTestDatabase();
  const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(TicketCloseCommented1796137000000));
  const old = new DataSource({ ...dataSourceOptions(db.url, 2), entities: [], migrations: before });
  await old.initialize();
  try {
    await old.runMigrations();
    const [person] = await old.query<Array<{ id: string }>>(
      `INSERT INTO person (name, email) VALUES ('Marcus Lee', 'marcus@example.com') RETURNING id`,
    );
    const [pm] = await old.query<Array<{ id: string }>>(
      `INSERT INTO postmortem (title, incident_start, severity) VALUES ('Checkout outage', now(), 'SEV2') RETURNING id`,
    );
    const item = (title: string) =>
      old
        .query<Array<{ id: string }>>(
          `INSERT INTO action_item (postmortem_id, title, success_criteria, owner_id, due_date, priority, horizon, status, closed_at)
           VALUES ($1, $2, 'criteria', $3, '2026-12-15', 'high', 'short_term', 'done', '2026-11-02T10:00:00.123Z') RETURNING id`,
          [pm.id, title, person.id],
        )
        .then(([r]) => r.id);
    const commented = await item('commented twice: the later close counts');
    const silent = await item('never commented');
    const audit = (id: string, action: string, closedAt: string) =>
      old.query(
        `INSERT INTO audit_log (actor_name, action, entity_type, entity_id, changes) VALUES ('system', $2, 'action_item', $1, $3)`,
        [id, action, JSON.stringify({ key: 'acme/api#1', closedAt })],
      );
    await audit(commented, 'ticket.close_commented', '2026-10-01T08:00:00.000Z');
    await audit(commented, 'ticket.close_commented', '2026-11-02T10:00:00.123Z');
    await audit(silent, 'ticket.closed', '2026-11-02T10:00:00.123Z');
  } finally {
    await old.destroy();
  }

  const ds = new DataSource(dataSourceOptions(db.url, 2));
  await ds.initialize();
  try {
    expect((await ds.runMigrations()).map((m) => m.name)).toContain('TicketCloseCommented1796137000000');
    const rows = await ds.query<Array<{ title: string; at: Date | null }>>(
      `SELECT title, ticket_close_commented_for AS at FROM action_item ORDER BY title`,
    );
    expect(rows).toEqual([
      { title: 'commented twice: the later close counts', at: new Date('2026-11-02T10:00:00.123Z') },
      { title: 'never commented', at: null },
    ]);
  } finally {
    await ds.destroy();
    await db.stop();
  }
});
