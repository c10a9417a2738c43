import { createDataSource } from './data-source.js';

/** Any fixed number: replicas starting together take turns at migrating. */
const MIGRATION_LOCK = 7_340_021;

/**
 * Embedded PGlite is one session shared by every connection, so its advisory locks
 * never block: callers in this process also queue here.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Applies pending migrations under an advisory lock; returns how many ran. */
export function prepareDatabase(url: string): Promise<number> {
  const run = queue.then(() => migrate(url));
  queue = run.catch(() => undefined);
  return run;
}

async function migrate(url: string): Promise<number> {
  // Two connections: one holds the lock while the other migrates.
  const ds = createDataSource(url, 2);
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return (await ds.runMigrations({ transaction: 'each' })).length;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
    await ds.destroy();
  }
}
