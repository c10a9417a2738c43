/**
 * The digest benchmark's seeding step, run as a child process of its own so that neither the
 * bulk insert's garbage nor (embedded) the database's growth while writing 20,000 rows is
 * counted against the service process that runs the digest afterwards.
 *
 * BENCH_DB_URL: a PostgreSQL database to migrate and seed; else BENCH_EMBEDDED_DIR: a PGlite
 * directory, created, migrated, seeded and closed (as `npm start` would find it later).
 */
import pg from 'pg';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { seed } from './digest-data.js';

async function main(): Promise<void> {
  const dir = process.env.BENCH_EMBEDDED_DIR;
  const embedded = process.env.BENCH_DB_URL ? undefined : dir ? await EmbeddedPostgres.start(dir) : undefined;
  const url = process.env.BENCH_DB_URL ?? embedded?.url;
  if (!url) throw new Error('BENCH_DB_URL or BENCH_EMBEDDED_DIR is required');
  try {
    await prepareDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await seed(client);
      // A fresh data set, as a running database would have it: statistics for the planner.
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
