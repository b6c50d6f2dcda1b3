import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../../shared/types';
import { microsHistogram, percentileMs } from './micros-histogram';
import { WindowedLatency } from './windowed-latency';

/**
 * Response latencies of one backend since the last reset, in microseconds
 * so sub-millisecond loopback responses still have a shape. Each response
 * also goes into `window`, the last second's share, which the snapshot
 * clock rotates.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram = microsHistogram();
  readonly window = new WindowedLatency();

  /** Record one response time in milliseconds. */
  record(ms: number): void {
    const micros = Math.max(1, Math.round(ms * 1000));
    this.histogram.recordValue(micros);
    this.window.recordMicros(micros);
  }

  summary(): LatencySummary {
    if (this.histogram.totalCount === 0) return { p50: 0, p95: 0, p99: 0 };
    return { p50: percentileMs(this.histogram, 50), p95: percentileMs(this.histogram, 95), p99: percentileMs(this.histogram, 99) };
  }

  reset(): void {
    this.histogram.reset();
    this.window.reset();
  }
}
