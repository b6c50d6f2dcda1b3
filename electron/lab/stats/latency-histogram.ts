import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../../shared/types';

/**
 * Response latencies of one backend since the last reset, in microseconds
 * so sub-millisecond loopback responses still have a shape.
 */
export class LatencyHistogram {
  private histogram: Histogram = LatencyHistogram.create();

  private static create(): Histogram {
    return build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 2 });
  }

  /** Record one response time in milliseconds. */
  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  summary(): LatencySummary {
    if (this.histogram.totalCount === 0) return { p50: 0, p95: 0, p99: 0 };
    const at = (p: number): number => Math.round(this.histogram.getValueAtPercentile(p)) / 1000;
    return { p50: at(50), p95: at(95), p99: at(99) };
  }

  reset(): void {
    this.histogram.reset();
  }
}
