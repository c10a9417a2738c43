import { Memo, SummaryCache } from './summary-cache.js';

describe('SummaryCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 0;
  });

  it('reuses an answer while the version is the same, and computes again when it changes', async () => {
    const cache = new SummaryCache<string>(now, 60_000, 10);
    let calls = 0;
    const compute = (v: string) => {
      calls++;
      return Promise.resolve(`answer at ${v}`);
    };
    expect(await cache.get('k', 'v1', () => compute('v1'))).toBe('answer at v1');
    expect(await cache.get('k', 'v1', () => compute('again'))).toBe('answer at v1');
    expect(await cache.get('k', 'v2', () => compute('v2'))).toBe('answer at v2');
    expect(await cache.get('other', 'v2', () => compute('other'))).toBe('answer at other');
    expect(calls).toBe(3);
  });

  it('concurrent callers of one key and version share one computation', async () => {
    const cache = new SummaryCache<number>(now);
    let release: (n: number) => void = () => undefined;
    let calls = 0;
    const compute = () => {
      calls++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const answers = Promise.all([1, 2, 3].map(() => cache.get('k', 'v', compute)));
    release(42);
    expect(await answers).toEqual([42, 42, 42]);
    expect(calls).toBe(1);
  });

  it('an answer older than the time to live is computed again, even at the same version', async () => {
    const cache = new SummaryCache<number>(now, 1_000);
    let n = 0;
    const compute = () => Promise.resolve(++n);
    expect(await cache.get('k', 'v', compute)).toBe(1);
    clock = 999;
    expect(await cache.get('k', 'v', compute)).toBe(1);
    clock = 1_000;
    expect(await cache.get('k', 'v', compute)).toBe(2);
  });

  it('keeps no failure, and drops the least recently used answer when full', async () => {
    const cache = new SummaryCache<string>(now, 60_000, 2);
    await expect(cache.get('k', 'v', () => Promise.reject(new Error('database went away')))).rejects.toThrow();
    expect(cache.size).toBe(0);
    expect(await cache.get('k', 'v', () => Promise.resolve('ok'))).toBe('ok');
    await cache.get('a', 'v', () => Promise.resolve('a'));
    await cache.get('k', 'v', () => Promise.resolve('not used')); // k is now the most recent
    await cache.get('b', 'v', () => Promise.resolve('b'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 'v', () => Promise.resolve('a again'))).toBe('a again');
    expect(await cache.get('b', 'v', () => Promise.resolve('not used'))).toBe('b');
  });
});

describe('Memo', () => {
  it('reads at most once per interval, and again at once after a failure', async () => {
    let clock = 0;
    let reads = 0;
    let fail = false;
    const memo = new Memo(
      () => (fail ? Promise.reject(new Error('no')) : Promise.resolve(++reads)),
      1_000,
      () => clock,
    );
    expect(await memo.get()).toBe(1);
    clock = 999;
    expect(await memo.get()).toBe(1);
    clock = 1_000;
    fail = true;
    await expect(memo.get()).rejects.toThrow('no');
    fail = false;
    expect(await memo.get()).toBe(2);
    memo.clear();
    expect(await memo.get()).toBe(3);
  });
});
