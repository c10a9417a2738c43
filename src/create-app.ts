import type { INestApplication, RawBodyRequest } from '@nestjs/common';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { setCredentialKey } from './common/credential-cipher.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { documentErrors, EXTRA_MODELS } from './common/openapi.js';
import { requireJsonBodies } from './common/require-json.js';
import { createValidationPipe } from './common/validation.js';
import { webPages } from './dashboard/index.js';
import { type EnvConfig, resolveEncryptionKey } from './config/index.js';
import type { DatabaseTarget } from './database/database-target.js';
import { VERSION } from './version.js';

export const API_PREFIX = 'api/v1';

/** Builds the configured application (not listening): used by main and by the tests. */
export async function createApp(env: EnvConfig, target: DatabaseTarget): Promise<INestApplication> {
  // Before the data source opens: tracker credentials are decrypted as they are read.
  const encryption = await resolveEncryptionKey(env, target);
  setCredentialKey(encryption.key);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, target), {
    bufferLogs: true,
    rawBody: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  if (encryption.warning) app.get(Logger).warn(encryption.warning, 'Encryption');
  // Webhooks get their bytes untouched, whatever the content type: the signature is checked
  // before anything is parsed, so a forged delivery is a 401 even when its body is not JSON.
  app.use(
    `/${API_PREFIX}/webhooks`,
    raw({ type: () => true, limit: '1mb' }),
    (req: RawBodyRequest<Request>, _res: Response, next: NextFunction) => {
      if (Buffer.isBuffer(req.body)) req.rawBody = req.body;
      next();
    },
  );
  // rawBody keeps the exact bytes for webhook signatures; 1 MB is plenty for any postmortem.
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.use(
    `/${API_PREFIX}`,
    // Email links post a form (RFC 8058 one-click unsubscribe: List-Unsubscribe=One-Click) and read only the query.
    requireJsonBodies((path) => path.startsWith('/webhooks') || path.startsWith('/email/')),
  );
  app.set('trust proxy', 'loopback');
  app.set('x-powered-by', false);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  // The dashboard pages (Vite build in dist/web) at /, with their Content-Security-Policy.
  app.use(webPages());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  const doc = documentErrors(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Postmortem remediation tracker')
        .setDescription('Quality-gated postmortem action items, kept in sync with Jira and GitHub.')
        .setVersion(VERSION)
        // An opaque API token (see POST /tokens), not a JWT.
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'API token' })
        .build(),
      { extraModels: EXTRA_MODELS },
    ),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
