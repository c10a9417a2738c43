import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadDotEnv, loadEnv } from './config/index.js';
import { createApp } from './create-app.js';
import { openDatabaseTarget } from './database/database-target.js';
import { prepareDatabase } from './database/prepare-database.js';
import { TokensService } from './auth/index.js';

async function main(): Promise<void> {
  const fromFile = loadDotEnv();
  const env = loadEnv();
  const target = await openDatabaseTarget(env);
  const applied = await prepareDatabase(target.url);
  const app = await createApp(env, target);
  const log = new Logger('Main');
  const generated = await app.get(TokensService).ensureAdmin(env.BOOTSTRAP_ADMIN_TOKEN);
  await app.listen(env.PORT, env.HOST);
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  if (fromFile.length) log.log(`Read ${fromFile.length} variable(s) from .env: ${fromFile.join(', ')}`);
  log.log(`Database: ${target.description}${applied ? ` (applied ${applied} migration(s))` : ''}`);
  log.log(`Listening on ${base} — API docs at ${base}/api/docs`);
  if (generated) {
    // Printed once, to stdout only: it is the only way to get the first admin token without config.
    process.stdout.write(
      `\n  First start: no admin token existed, so one was created. It is shown only this once:\n\n    ${generated}\n\n` +
        `  Try:  curl -H "Authorization: Bearer ${generated}" ${base}/api/v1/postmortems\n\n`,
    );
  }
  const stop = async () => {
    await app.close();
    await target.stop();
  };
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('Startup failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
