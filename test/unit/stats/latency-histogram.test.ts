import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../../electron/lab/stats/latency-histogram';

/** The histogram keeps 2 significant digits: a value may read up to 1% off. */
const PRECISION = 0.01;

const near = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * PRECISION);

describe('LatencyHistogram', () => {
  it('summarises to zeros before anything is recorded', () => {
    expect(new LatencyHistogram().summary()).toEqual({ p50: 0, p95: 0, p99: 0 });
  });

  it('reports p50, p95 and p99 of the recorded milliseconds to within its two significant digits', () => {
    const histogram = new LatencyHistogram();
    const samples = Array.from({ length: 1000 }, (_, i) => (i + 1) / 4);
    for (const ms of samples) histogram.record(ms);
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (p: number): number => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
    const summary = histogram.summary();
    near(summary.p50, at(50));
    near(summary.p95, at(95));
    near(summary.p99, at(99));
  });

  it('keeps the shape of sub-millisecond loopback latencies', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [0.2, 0.2, 0.2, 0.3, 0.9]) histogram.record(ms);
    near(histogram.summary().p50, 0.2);
    near(histogram.summary().p99, 0.9);
  });

  it('counts a 0 ms response as the smallest measurable time (1 µs), not as nothing', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0);
    expect(histogram.summary().p50).toBe(0.001);
  });

  it('starts over from zeros on reset', () => {
    const histogram = new LatencyHistogram();
    histogram.record(12);
    histogram.reset();
    expect(histogram.summary()).toEqual({ p50: 0, p95: 0, p99: 0 });
  });
});
