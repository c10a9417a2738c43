import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite (PostgreSQL compiled to WASM) served over the wire protocol on loopback, so
 * TypeORM, pg-boss and the migration tools all use the ordinary `pg` driver whichever
 * database is in use. The socket server keeps an open transaction's queries together.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    readonly location: string,
  ) {}

  static async start(dir: string): Promise<EmbeddedPostgres> {
    const inMemory = dir === 'memory';
    const location = inMemory ? 'memory' : resolve(dir);
    if (!inMemory) mkdirSync(location, { recursive: true });
    const db = await PGlite.create(inMemory ? undefined : location, { extensions: { pgcrypto, pg_trgm } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`, location);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
