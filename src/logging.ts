import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { EnvConfig } from './config/index.js';

/** Request id from a trusted-looking X-Request-Id header, else a new one. */
const requestId = (req: IncomingMessage) => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
};

/** A GET of /metrics (served outside the /api/v1 prefix). */
export const isScrape = (req: IncomingMessage): boolean =>
  req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics';

/**
 * JSON lines in production, readable lines in development; every line of a request
 * carries its id. Credentials never reach the log.
 */
export function loggerOptions(env: EnvConfig): Params {
  return {
    pinoHttp: {
      level: env.NODE_ENV === 'test' && env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL,
      // Prometheus scrapes every few seconds: logging each would drown the requests people make.
      autoLogging: { ignore: isScrape },
      genReqId: (req, res) => {
        const id = requestId(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-hub-signature"]',
          'req.headers["x-hub-signature-256"]',
          '*.token',
          '*.apiToken',
          '*.password',
          '*.secret',
          '*.webhookSecret',
        ],
        censor: '[redacted]',
      },
      transport:
        env.NODE_ENV === 'production'
          ? undefined
          : {
              target: 'pino-pretty',
              options: { singleLine: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname' },
            },
    },
  };
}
