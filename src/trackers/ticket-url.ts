import type { TicketRef } from './tracker-kind.js';
import { REFERENCE_KINDS } from './tracker.registry.js';

/**
 * Reads a ticket reference pasted by a person: each kind reads its own links and shorthands
 * (a Jira browse URL or bare key, a GitHub issue URL or `owner/repo#12`). Returns null when
 * no kind recognises it, pull requests included.
 */
export function parseTicketUrl(input: string): TicketRef | null {
  const text = input.trim();
  for (const kind of REFERENCE_KINDS) {
    const ref = kind.parseRef(text);
    if (ref) return ref;
  }
  return null;
}
