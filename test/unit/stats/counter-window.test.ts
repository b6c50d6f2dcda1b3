import { describe, expect, it } from 'vitest';
import { CounterWindow } from '../../../electron/lab/stats/counter-window';

describe('CounterWindow', () => {
  it('counts everything since the counter was zero while the history is shorter than the window', () => {
    const window = new CounterWindow(10_000);
    expect(window.sample(5, 0)).toEqual({ delta: 5, elapsedMs: 0 });
    expect(window.sample(12, 3000)).toEqual({ delta: 12, elapsedMs: 3000 });
  });

  it('counts only the growth of the last window once the history is longer', () => {
    const window = new CounterWindow(10_000);
    let count = 0;
    // 1 hit per 100 ms tick for 30 s, then 3 per tick for 10 s.
    for (let now = 0; now <= 30_000; now += 100) window.sample((count += 1), now);
    let last = { delta: 0, elapsedMs: 0 };
    for (let now = 30_100; now <= 40_000; now += 100) last = window.sample((count += 3), now);
    expect(last).toEqual({ delta: 300, elapsedMs: 10_000 });
  });

  it('falls to zero growth a window after the counter stopped', () => {
    const window = new CounterWindow(10_000);
    window.sample(0, 0);
    window.sample(40, 100);
    let last = { delta: -1, elapsedMs: 0 };
    for (let now = 200; now <= 10_100; now += 100) last = window.sample(40, now);
    expect(last.delta).toBe(0);
  });

  it('starts over on reset', () => {
    const window = new CounterWindow(10_000);
    window.sample(0, 0);
    window.sample(50, 100);
    window.reset();
    // A reset zeroes the counter too, so it counts from zero again.
    expect(window.sample(3, 200)).toEqual({ delta: 3, elapsedMs: 0 });
  });
});
