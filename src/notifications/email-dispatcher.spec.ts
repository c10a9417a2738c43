import { retryDelayMs } from './email-dispatcher.service.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [20, 3_600_000],
  ])('attempt %i waits about %i ms (doubling, capped at an hour)', (attempts, base) => {
    expect(retryDelayMs(attempts, 0.5)).toBe(base);
    expect(retryDelayMs(attempts, 0)).toBe(Math.round(base * 0.8));
    expect(retryDelayMs(attempts, 1)).toBe(Math.round(base * 1.2));
  });
});
