import { readFileSync } from 'node:fs';

/** The package version, read once (package.json sits at the repository root). */
export const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  }
})();
