import { createDataSource } from '../../src/database/data-source.js';
import { pendingSchemaChanges } from '../../src/database/migration-generator.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { createTestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  it('bring an empty database exactly to the entities (no pending schema change)', async () => {
    const db = await createTestDatabase();
    try {
      expect(await prepareDatabase(db.url)).toBeGreaterThan(0);
      const ds = createDataSource(db.url, 2);
      await ds.initialize();
      try {
        const { up } = await pendingSchemaChanges(ds);
        expect(up).toEqual([]);
        const cols = await ds.query(
          `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('due_date', 'created_at', 'closed_at')`,
        );
        for (const c of cols)
          expect(c.data_type).toBe(c.column_name === 'due_date' ? 'date' : 'timestamp with time zone');
      } finally {
        await ds.destroy();
      }
      // A second run (another replica starting) applies nothing.
      expect(await prepareDatabase(db.url)).toBe(0);
    } finally {
      await db.stop();
    }
  });

  it('two replicas migrating at once take turns under the advisory lock', async () => {
    const db = await createTestDatabase();
    try {
      const counts = await Promise.all([prepareDatabase(db.url), prepareDatabase(db.url)]);
      expect(counts.sort()).toEqual([0, counts[1]]);
      expect(counts[1]).toBeGreaterThan(0);
    } finally {
      await db.stop();
    }
  });
});
