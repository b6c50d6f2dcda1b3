import { describe, expect, it } from 'vitest';
import { LabStats } from '../../../electron/lab/stats/lab-stats';
import { RECENT_HITS_WINDOW_MS } from '../../../electron/shared/stat-windows';

const TICK_MS = 100;
/** The histogram keeps 2 significant digits: a value may read up to 1% off. */
const near = (actual: number | undefined, expected: number): void => expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(expected * 0.01);
const FAST_MS = 2;
const SLOW_MS = 400;

/** What the proxy does per answered request: a counter and a histogram, nothing else. */
function answer(stats: LabStats, port: number, ms: number): void {
  stats.requests++;
  const backend = stats.backend(port);
  backend.hits++;
  backend.latency.record(ms);
}

describe('LabStats over time', () => {
  it('gives each backend and the whole proxy p50/p99 over the last second, moved by the clock it is sampled on', () => {
    const stats = new LabStats();
    for (let now = TICK_MS; now <= 1000; now += TICK_MS) {
      for (let i = 0; i < 9; i++) answer(stats, 4000, FAST_MS);
      answer(stats, 4001, SLOW_MS);
      stats.sample(now);
    }
    near(stats.backend(4000).latency.window.summary()?.p99, FAST_MS);
    near(stats.backend(4001).latency.window.summary()?.p50, SLOW_MS);
    near(stats.latencyWindow()?.p50, FAST_MS);
    near(stats.latencyWindow()?.p99, SLOW_MS);

    // 4001 stops answering: a second later the proxy's p99 is 4000's alone.
    for (let now = 1100; now <= 2000; now += TICK_MS) {
      for (let i = 0; i < 9; i++) answer(stats, 4000, FAST_MS);
      stats.sample(now);
    }
    near(stats.latencyWindow()?.p99, FAST_MS);
    expect(stats.backend(4001).latency.window.summary()).toBeNull();
    // The cumulative histogram still remembers it.
    near(stats.backend(4001).latency.summary().p99, SLOW_MS);
  });

  it('counts each backend hits over the last 10 s beside its total', () => {
    const stats = new LabStats();
    const ticks = RECENT_HITS_WINDOW_MS / TICK_MS;
    let now = 0;
    stats.sample(now);
    // 10 s with 4000 and 4001 sharing, then 10 s with 4001 gone.
    for (let i = 0; i < ticks; i++) {
      answer(stats, 4000, 1);
      answer(stats, 4001, 1);
      stats.sample((now += TICK_MS));
    }
    for (let i = 0; i < ticks; i++) {
      answer(stats, 4000, 1);
      stats.sample((now += TICK_MS));
    }
    expect(stats.backend(4000).hits10s).toBe(ticks);
    expect(stats.backend(4001).hits10s).toBe(0);
    expect(stats.backend(4001).hits).toBe(ticks);
  });

  it('zeroes the windows with the counters on reset', () => {
    const stats = new LabStats();
    answer(stats, 4000, 5);
    stats.sample(TICK_MS);
    answer(stats, 4000, 5);
    stats.sample(2 * TICK_MS);
    stats.reset();
    stats.sample(3 * TICK_MS);
    expect(stats.latencyWindow()).toBeNull();
    expect(stats.backend(4000).latency.window.summary()).toBeNull();
    expect(stats.backend(4000).hits10s).toBe(0);
  });
});
