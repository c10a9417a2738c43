import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Reads `.env` from the working directory when there is one, as `.env.example` invites:
 * variables already in the environment win, so a deployment's settings are never overridden
 * by a file left in the image. Node's own parser (quotes, `#` comments, `export` prefixes).
 * Returns the names it set, for the start-up log (never the values: some are secrets).
 */
export function loadDotEnv(dir = process.cwd(), env: NodeJS.ProcessEnv = process.env): string[] {
  const file = path.join(dir, '.env');
  if (!existsSync(file)) return [];
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  const set: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
