import type { EnvConfig } from '../config/env.config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the data lives: the configured PostgreSQL, or the embedded one. */
export interface DatabaseTarget {
  url: string;
  embedded: boolean;
  /** The embedded database's directory; absent when it is in memory or on a server. */
  dataDir?: string;
  /** Human-readable location for the first-run log line (no credentials). */
  description: string;
  stop(): Promise<void>;
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function openDatabaseTarget(
  env: Pick<EnvConfig, 'DATABASE_URL' | 'EMBEDDED_DB_DIR'>,
): Promise<DatabaseTarget> {
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      embedded: false,
      description: `PostgreSQL at ${describeUrl(env.DATABASE_URL)}`,
      stop: () => Promise.resolve(),
    };
  }
  const pg = await EmbeddedPostgres.start(env.EMBEDDED_DB_DIR);
  return {
    url: pg.url,
    embedded: true,
    ...(pg.location === 'memory' ? {} : { dataDir: env.EMBEDDED_DB_DIR }),
    description:
      pg.location === 'memory'
        ? 'embedded PostgreSQL (PGlite) in memory: data is lost at exit'
        : `embedded PostgreSQL (PGlite) in ${pg.location}`,
    stop: () => pg.stop(),
  };
}
