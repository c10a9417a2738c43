// Builds the dashboard pages with Vite. With --if-stale (npm start) it skips the build when
// dist/web is newer than every file of web/ and the lock, so a second start stays fast.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const newest = (p) => {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(path.join(p, n))));
};
const built = (() => {
  try {
    return statSync(path.join(root, 'dist/web/index.html')).mtimeMs;
  } catch {
    return 0;
  }
})();
const sources = Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'package-lock.json')));
if (process.argv.includes('--if-stale') && built > sources) process.exit(0);
await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
