import { describe, expect, it } from 'vitest';
import { WindowedLatency } from '../../../electron/lab/stats/windowed-latency';
import { LATENCY_WINDOW_MS } from '../../../electron/shared/stat-windows';

/** The histogram keeps 2 significant digits: a value may read up to 1% off. */
const near = (actual: number | undefined, expected: number): void => expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(expected * 0.01);

const TICK_MS = 100;

/** Record `ms` (each one response) into the open slice, then close it at `now`. */
function tick(window: WindowedLatency, now: number, ms: readonly number[], into?: WindowedLatency): void {
  for (const value of ms) window.recordMicros(value * 1000);
  window.rotate(now, into);
}

describe('WindowedLatency', () => {
  it('has no figure before any response finished', () => {
    const window = new WindowedLatency();
    window.rotate(TICK_MS);
    expect(window.summary()).toBeNull();
  });

  it('does not count the open slice until the clock closes it', () => {
    const window = new WindowedLatency();
    window.recordMicros(5000);
    expect(window.summary()).toBeNull();
    window.rotate(TICK_MS);
    near(window.summary()?.p50, 5);
  });

  it('reports p50 and p99 over every slice closed within the window', () => {
    const window = new WindowedLatency();
    // 10 ticks of 100 ms = one window: 98 fast responses and 2 slow ones.
    for (let i = 1; i <= 10; i++) tick(window, i * TICK_MS, i <= 2 ? [1, 1, 1, 1, 1, 1, 1, 1, 1, 200] : Array(10).fill(1));
    near(window.summary()!.p50, 1);
    near(window.summary()!.p99, 200);
  });

  it('forgets a slow second once a whole window has passed after it', () => {
    const window = new WindowedLatency();
    let now = 0;
    for (; now < LATENCY_WINDOW_MS; now += TICK_MS) tick(window, now + TICK_MS, [300]);
    near(window.summary()!.p99, 300);
    // Then fast responses: the slow slices leave one by one, the last one a window after it closed.
    const slowEnd = now;
    for (; now < slowEnd + LATENCY_WINDOW_MS - TICK_MS; now += TICK_MS) tick(window, now + TICK_MS, [2]);
    near(window.summary()!.p99, 300);
    tick(window, (now += TICK_MS), [2]);
    near(window.summary()!.p99, 2);
    near(window.summary()!.p50, 2);
  });

  it('has no figure again once an idle window has passed', () => {
    const window = new WindowedLatency();
    tick(window, TICK_MS, [4]);
    for (let now = 2 * TICK_MS; now <= TICK_MS + LATENCY_WINDOW_MS; now += TICK_MS) window.rotate(now);
    expect(window.summary()).toBeNull();
  });

  it('hands each closed slice to the window it feeds, so a proxy-wide window is the backends together', () => {
    const proxy = new WindowedLatency();
    const a = new WindowedLatency();
    const b = new WindowedLatency();
    for (let i = 1; i <= 5; i++) {
      const now = i * TICK_MS;
      tick(a, now, Array(10).fill(1), proxy);
      tick(b, now, Array(10).fill(50), proxy);
      proxy.rotate(now);
    }
    near(a.summary()!.p99, 1);
    near(b.summary()!.p50, 50);
    // Half fast, half slow: the median is the fast half's top, p99 the slow one.
    near(proxy.summary()!.p50, 1);
    near(proxy.summary()!.p99, 50);
  });

  it('starts over empty on reset', () => {
    const window = new WindowedLatency();
    tick(window, TICK_MS, [7]);
    window.recordMicros(9000);
    window.reset();
    window.rotate(2 * TICK_MS);
    expect(window.summary()).toBeNull();
  });
});
