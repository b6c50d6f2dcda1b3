import { build, type Histogram } from 'hdr-histogram-js';
import { emptyLoadErrors, type LoadErrors, type LoadLatency, type LoadResult } from '../../shared/load';
import type { TransportFailure } from './classify-error';

/** The counters of one run: integers and one HDR histogram, touched once per request. */
export class LoadTally {
  sent = 0;
  answered = 0;
  readonly errors: LoadErrors = emptyLoadErrors();
  private readonly byBackend = new Map<string, number>();
  /** Microseconds, so sub-millisecond loopback answers still have a shape; up to an hour. */
  private readonly histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });

  /** An HTTP response; `backend` is the proxy's X-Lab-Backend header. */
  answer(status: number, backend: string | undefined, latencyMs: number): void {
    this.answered++;
    if (status >= 500) this.errors.http5xx++;
    // The proxy's own 502 says "none": no backend answered it.
    if (backend !== undefined && /^\d+$/.test(backend)) this.byBackend.set(backend, (this.byBackend.get(backend) ?? 0) + 1);
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
  }

  fail(kind: TransportFailure): void {
    this.errors[kind]++;
  }

  /** Requests sent that have neither an answer nor a failure yet. */
  get outstanding(): number {
    const { refused, timeout, reset, other } = this.errors;
    return this.sent - this.answered - refused - timeout - reset - other;
  }

  result(durationS: number): LoadResult {
    return {
      requests: this.answered,
      durationS: round(durationS, 3),
      rps: durationS > 0 ? round(this.answered / durationS, 1) : 0,
      latencyMs: this.latency(),
      byBackend: Object.fromEntries([...this.byBackend].sort(([a], [b]) => Number(a) - Number(b))),
    };
  }

  private latency(): LoadLatency {
    if (this.histogram.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const at = (p: number): number => round(this.histogram.getValueAtPercentile(p) / 1000, 3);
    return { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: round(this.histogram.maxValue / 1000, 3) };
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
