import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import type { DatabaseTarget } from '../../src/database/database-target.js';

/**
 * A fresh database for one suite: a new database on the server named by DATABASE_URL
 * (CI: the machine's PostgreSQL), else an in-memory PGlite. Dropped at the end.
 */
export async function createTestDatabase(): Promise<DatabaseTarget> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const pglite = await EmbeddedPostgres.start('memory');
    return { url: pglite.url, embedded: true, description: 'PGlite in memory', stop: () => pglite.stop() };
  }
  const name = `rt_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    description: `PostgreSQL database ${name}`,
    stop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
