/* Migration commands: `run` applies pending migrations, `generate <Name>` writes one from the entity diff. */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadEnv } from '../config/env.config.js';
import { createDataSource } from './data-source.js';
import { openDatabaseTarget } from './database-target.js';
import { pendingSchemaChanges, writeMigration } from './migration-generator.js';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'run' && command !== 'generate') throw new Error('usage: migrate.cli.js run | generate <Name>');
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? ''))
    throw new Error('generate needs a PascalCase name, e.g. AddTrackerConnections');
  const env = loadEnv();
  const target = await openDatabaseTarget(env);
  const ds = createDataSource(target.url, 2);
  try {
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(`${target.description}: applied ${applied.length} migration(s)`);
    if (command === 'generate') {
      const { up, down } = await pendingSchemaChanges(ds);
      if (up.length === 0) console.log('No schema changes: the entities match the migrations.');
      else console.log(`Wrote ${writeMigration(resolve('migrations'), name, up, down)}`);
    }
  } finally {
    await ds.destroy().catch(() => undefined);
    await target.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
