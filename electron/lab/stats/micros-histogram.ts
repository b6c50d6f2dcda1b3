import { build, type Histogram } from 'hdr-histogram-js';

/** An empty HDR histogram of microseconds, up to an hour, to two significant digits. */
export function microsHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 2 });
}

/** A percentile of a microsecond histogram, in milliseconds to the microsecond. */
export function percentileMs(histogram: Histogram, percentile: number): number {
  return Math.round(histogram.getValueAtPercentile(percentile)) / 1000;
}
