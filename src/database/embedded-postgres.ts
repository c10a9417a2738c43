import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite (PostgreSQL compiled to WASM) served over the wire protocol on loopback, so
 * TypeORM, pg-boss and the migration tools all use the ordinary `pg` driver whichever
 * database is in use. The socket server keeps an open transaction's queries together; we
 * make it keep each extended-protocol exchange (Parse … Sync) together too.
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
    const db = await PGlite.create(inMemory ? undefined : location, {
      extensions: { pgcrypto, pg_trgm },
      // PostgreSQL's default 128 MB of shared buffers lives in the WebAssembly memory, which
      // never shrinks: 16 MB took the embedded service from 441 to 313 MB at rest and its
      // digest run from 587 to 452 MB peak (bench:digest), with no measurable cost in time.
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
    });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    keepExtendedQueriesTogether(server, db);
    await server.start();
    return new EmbeddedPostgres(db, server, `postgres://postgres@${server.getServerConn()}/postgres`, location);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}

/** What pglite-socket 0.2.x keeps per waiting message (its QueryQueueManager is not exported). */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Parse, Bind, Describe, Execute, Close, Flush: an exchange is open until its Sync. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * pglite-socket serves every connection from one queue, message by message, and only
 * sticks to one connection inside a transaction. Outside one, two pool connections'
 * Parse/Bind/Execute/Sync interleave, so one query runs with another's parameters
 * ("portal cannot be run", "invalid input syntax"). This replaces the queue's scheduler so
 * that, once a connection has started an extended-protocol exchange, only its messages run
 * until its Sync. Checked against pglite-socket 0.2.17 (pinned in package.json).
 */
export function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const q = (server as unknown as { queryQueue?: QueryQueue }).queryQueue;
  if (
    !q ||
    !Array.isArray(q.queue) ||
    typeof q.processQueue !== 'function' ||
    typeof q.clearQueueForHandler !== 'function'
  )
    throw new Error('pglite-socket internals changed: keepExtendedQueriesTogether needs updating for this version');
  let openExchange: number | null = null;
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    if (openExchange === handlerId) openExchange = null;
    clear(handlerId);
    void q.processQueue();
  };
  q.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = openExchange ?? (db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        // The owner's next message has not arrived yet: wait for it (enqueue runs us again).
        if (index === -1) break;
        const [next] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(next.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                next.onData(data);
              },
            }),
          );
        } catch (err) {
          openExchange = null;
          next.reject(err);
          continue;
        }
        const type = next.message[0];
        if (EXTENDED.has(type)) openExchange = next.handlerId;
        else if (openExchange === next.handlerId) openExchange = null;
        this.lastHandlerId = next.handlerId;
        next.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
