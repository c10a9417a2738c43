/**
 * A summary is a few aggregate queries over every item (about 0.3 s of database time at
 * 100,000 items), and the overview asks the same few questions over and over while the data
 * rarely changes between two of them. So each answer is kept, keyed by its filters and day,
 * together with the data version it was computed at, and reused while that version is current.
 */

/** How long the slow half of the data version (row counts) is reused before it is read again. */
export const VERSION_MEMO_MS = 1_000;
/**
 * The longest an answer is reused even at an unchanged version. A transaction that began before
 * an answer was computed and commits after it can leave the version as it was (its updated_at is
 * its start time, and an update changes no count); this bounds how long that answer is wrong.
 */
export const ENTRY_TTL_MS = 60_000;
/** Answers kept; the least recently used goes first. */
export const MAX_ENTRIES = 200;

interface Entry<T> {
  version: string;
  at: number;
  value: Promise<T>;
}

/** Answers by key, valid for one data version; concurrent callers of one key share one computation. */
export class SummaryCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = ENTRY_TTL_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The answer kept for `key` at `version`, else `compute()`'s, kept for the next caller. */
  get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.version === version && t - hit.at < this.ttlMs) {
      this.entries.set(key, hit); // most recently used last
      return hit.value;
    }
    const entry: Entry<T> = { version, at: t, value: compute() };
    this.entries.set(key, entry);
    // A failed computation is not an answer: the next caller tries again.
    void entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A value read at most once per `ms`; callers in between share the last read (or the one in flight). */
export class Memo<T> {
  private last: { at: number; value: Promise<T> } | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const t = this.now();
    if (this.last && t - this.last.at < this.ms) return this.last.value;
    const entry = { at: t, value: this.read() };
    this.last = entry;
    void entry.value.catch(() => {
      if (this.last === entry) this.last = null;
    });
    return entry.value;
  }

  clear(): void {
    this.last = null;
  }
}
