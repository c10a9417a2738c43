import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Role, SYSTEM_ACTOR } from '../../src/common/roles.js';
import { TokensService } from '../../src/auth/tokens.service.js';
import { loadEnv } from '../../src/config/env.config.js';
import { createApp } from '../../src/create-app.js';
import type { DatabaseTarget } from '../../src/database/database-target.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  db: DatabaseTarget;
  tokens: Record<Role, string>;
  /** supertest agent with a role's bearer token already set. */
  as(role: Role): {
    get(path: string): request.Test;
    post(path: string): request.Test;
    patch(path: string): request.Test;
    delete(path: string): request.Test;
  };
  anon(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** One key for every test app, so a suite that restarts on the same database can read what it wrote. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/** Starts the real application on a fresh database with one token per role. */
export async function startTestApp(env: Record<string, string> = {}, db?: DatabaseTarget): Promise<TestApp> {
  const target = db ?? (await createTestDatabase());
  await prepareDatabase(target.url);
  const config = loadEnv({
    NODE_ENV: 'test',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'error',
    APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...env,
    DATABASE_URL: target.url,
  });
  const app = await createApp(config, target);
  await app.init();
  const svc = app.get(TokensService);
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'editor', 'approver', 'admin'] as const)
    tokens[role] = (await svc.create(`test ${role}`, role, SYSTEM_ACTOR)).token;
  const server = app.getHttpServer();
  const prefix = (p: string) => (p.startsWith('/api') || p.startsWith('/metrics') ? p : `/api/v1${p}`);
  return {
    app,
    db: target,
    tokens,
    as: (role) => {
      const auth = `Bearer ${tokens[role]}`;
      return {
        get: (p) => request(server).get(prefix(p)).set('Authorization', auth),
        post: (p) => request(server).post(prefix(p)).set('Authorization', auth),
        patch: (p) => request(server).patch(prefix(p)).set('Authorization', auth),
        delete: (p) => request(server).delete(prefix(p)).set('Authorization', auth),
      };
    },
    anon: () => request(server),
    close: async () => {
      await app.close();
      if (!db) await target.stop();
    },
  };
}
