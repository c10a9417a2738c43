import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type NextFunction, type Request, type Response, Router, static as serveStatic } from 'express';

/** Everything the pages load comes from this origin: no inline script or style, no other host. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The Vite build's output: `dist/web` of the project the process runs from. */
export const defaultWebDir = () => resolve(process.cwd(), 'dist', 'web');

const isApi = (path: string) => path === '/api' || path.startsWith('/api/') || path.startsWith('/metrics');

/**
 * The dashboard pages at `/`: built assets, and index.html for every page path (the pages route
 * in the browser). The API under /api and /metrics pass through untouched.
 */
export function webPages(dir: string = defaultWebDir()): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (isApi(req.path)) return next('router');
    res.set(PAGE_HEADERS);
    next();
  });
  router.use(
    '/assets',
    serveStatic(join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(serveStatic(dir, { index: false }));
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.\w+$/.test(req.path)) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The dashboard pages are not built: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
