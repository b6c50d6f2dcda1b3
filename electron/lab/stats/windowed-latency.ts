import type { Histogram } from 'hdr-histogram-js';
import { LATENCY_WINDOW_MS, type WindowLatency } from '../../shared/stat-windows';
import { microsHistogram, percentileMs } from './micros-histogram';

/**
 * Latencies over a sliding window (the last second by default), built from
 * slices the snapshot clock closes: responses go into the open slice, and
 * `rotate(now)` adds it to the window and takes out the slices that ended
 * `windowMs` ago or earlier. Two passes over a counts array per tick, not a
 * merge of every slice; an idle tick stores no slice.
 */
export class WindowedLatency {
  private open: Histogram = microsHistogram();
  private readonly sum: Histogram = microsHistogram();
  private readonly slices: { end: number; histogram: Histogram }[] = [];
  /** Emptied slices, reused so a busy lab does not allocate a histogram per tick. */
  private readonly spare: Histogram[] = [];

  constructor(private readonly windowMs = LATENCY_WINDOW_MS) {}

  /** Record one response time, in microseconds (at least 1). */
  recordMicros(micros: number): void {
    this.open.recordValue(micros);
  }

  /**
   * Close the open slice at `now` (ms, the lab's monotonic clock) and drop
   * what fell out of the window. With `into`, the closed slice is also
   * recorded into that window's open slice (the proxy-wide window is the
   * backends' windows together).
   */
  rotate(now: number, into?: WindowedLatency): void {
    if (this.open.totalCount > 0) {
      into?.open.add(this.open);
      this.sum.add(this.open);
      this.slices.push({ end: now, histogram: this.open });
      this.open = this.spare.pop() ?? microsHistogram();
    }
    while (this.slices.length > 0 && this.slices[0]!.end <= now - this.windowMs) {
      const { histogram } = this.slices.shift()!;
      this.sum.subtract(histogram);
      histogram.reset();
      this.spare.push(histogram);
    }
  }

  /** p50 and p99 of the responses in the window; null when none finished in it. */
  summary(): WindowLatency | null {
    if (this.sum.totalCount === 0) return null;
    return { p50: percentileMs(this.sum, 50), p99: percentileMs(this.sum, 99) };
  }

  reset(): void {
    this.open.reset();
    this.sum.reset();
    for (const { histogram } of this.slices.splice(0)) {
      histogram.reset();
      this.spare.push(histogram);
    }
  }
}
