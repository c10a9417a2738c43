import { existsSync } from 'node:fs';

/** Fails the run at once, saying what to install, when Debian's Chromium is missing. */
export default function requireChromium() {
  if (!existsSync('/usr/bin/chromium'))
    throw new Error(
      'Browser tests need Chromium at /usr/bin/chromium: run `apt-get update && apt-get install -y chromium`.',
    );
}
