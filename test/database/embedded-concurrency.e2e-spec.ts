import pg from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/**
 * The embedded server answers many pool connections at once: each parameterised query must
 * run with its own parameters, even when other connections' exchanges arrive in between.
 */
let db: EmbeddedPostgres;
let pool: pg.Pool;
beforeAll(async () => {
  db = await EmbeddedPostgres.start('memory');
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
  await pool.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
  await pool.query('INSERT INTO counter VALUES (1, 0)');
});
afterAll(async () => {
  await pool?.end();
  await db?.stop();
});

it("keeps each connection's Parse/Bind/Execute/Sync together", async () => {
  const results = await Promise.all(
    Array.from({ length: 300 }, async (_, i) => {
      const { rows } = await pool.query('SELECT $1::text AS label, $2::int * 2 AS doubled', [`q${i}`, i]);
      return rows[0] as { label: string; doubled: number };
    }),
  );
  results.forEach((r, i) => expect(r).toEqual({ label: `q${i}`, doubled: i * 2 }));
});

it('runs transactions from several connections alongside plain queries without losing an update', async () => {
  const increments = Array.from({ length: 40 }, async () => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const { rows } = await c.query('SELECT n FROM counter WHERE id = $1 FOR UPDATE', [1]);
      await c.query('UPDATE counter SET n = $1 WHERE id = $2', [(rows[0] as { n: number }).n + 1, 1]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  const reads = Array.from({ length: 40 }, (_, i) =>
    pool.query('SELECT $1::int AS i', [i]).then((r) => expect(r.rows[0]).toEqual({ i })),
  );
  await Promise.all([...increments, ...reads]);
  expect((await pool.query('SELECT n FROM counter WHERE id = 1')).rows[0]).toEqual({ n: 40 });
});
