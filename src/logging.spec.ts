import type { IncomingMessage } from 'node:http';
import { loadEnv } from './config/index.js';
import { isScrape, loggerOptions } from './logging.js';

const req = (method: string, url: string) => ({ method, url, headers: {} }) as IncomingMessage;

describe('request logging', () => {
  it('leaves Prometheus scrapes of /metrics out, and nothing else', () => {
    const options = loggerOptions(loadEnv({ NODE_ENV: 'production', LOG_LEVEL: 'info' })).pinoHttp as {
      autoLogging: { ignore: (r: IncomingMessage) => boolean };
    };
    expect(options.autoLogging.ignore).toBe(isScrape);
    expect(isScrape(req('GET', '/metrics'))).toBe(true);
    expect(isScrape(req('GET', '/metrics?name[]=x'))).toBe(true);
    expect(isScrape(req('GET', '/api/v1/health'))).toBe(false);
    expect(isScrape(req('GET', '/api/v1/metrics'))).toBe(false);
    expect(isScrape(req('POST', '/metrics'))).toBe(false);
  });
});
