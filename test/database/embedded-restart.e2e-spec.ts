import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabaseTarget } from '../../src/database/database-target.js';
import { startTestApp } from '../support/test-app.js';

describe('embedded PostgreSQL', () => {
  it('keeps data across a restart of the service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-pglite-'));
    try {
      const first = await openDatabaseTarget({ EMBEDDED_DB_DIR: dir });
      expect(first).toMatchObject({ embedded: true, description: expect.stringContaining(dir) });
      const a = await startTestApp({}, first);
      const team = await a.as('editor').post('/teams').send({ name: 'Survives restarts' });
      expect(team.status).toBe(201);
      await a.close();
      await first.stop();

      const second = await openDatabaseTarget({ EMBEDDED_DB_DIR: dir });
      const b = await startTestApp({}, second);
      const found = await b.as('viewer').get('/teams?name=Survives%20restarts');
      expect(found.body.items).toEqual([expect.objectContaining({ id: team.body.id })]);
      await b.close();
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses DATABASE_URL when it is set, without starting PGlite', async () => {
    const target = await openDatabaseTarget({
      DATABASE_URL: 'postgres://u:secret@db.example:6543/remediation',
      EMBEDDED_DB_DIR: './unused',
    });
    expect(target).toMatchObject({ embedded: false, description: 'PostgreSQL at db.example:6543/remediation' });
    expect(target.description).not.toContain('secret');
  });
});
