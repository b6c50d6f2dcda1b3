import type { StatusClass } from '../../shared/types';
import { STATUS_CLASSES } from '../../shared/types';
import { LatencyHistogram } from './latency-histogram';
import { RollingRate } from './rolling-rate';

/** Counters of one backend. Plain integer fields: the proxy bumps them per request. */
export class BackendStats {
  hits = 0;
  failures = 0;
  retries = 0;
  bytes = 0;
  /** Index 0 = 1xx ... 4 = 5xx. */
  readonly responses = [0, 0, 0, 0, 0];
  readonly latency = new LatencyHistogram();
  readonly rate = new RollingRate();
  rps = 0;

  /** Count a response status into its class. */
  response(status: number): void {
    const index = Math.floor(status / 100) - 1;
    if (index >= 0 && index < 5) this.responses[index]!++;
  }

  responsesByClass(): Record<StatusClass, number> {
    const out = {} as Record<StatusClass, number>;
    STATUS_CLASSES.forEach((name, i) => (out[name] = this.responses[i]!));
    return out;
  }

  /** Zero the counters. */
  reset(): void {
    this.hits = 0;
    this.failures = 0;
    this.retries = 0;
    this.bytes = 0;
    this.responses.fill(0);
    this.latency.reset();
    this.rate.reset();
    this.rps = 0;
  }
}
