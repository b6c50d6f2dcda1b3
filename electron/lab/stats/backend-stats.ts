import type { StatusClass } from '../../shared/types';
import { STATUS_CLASSES } from '../../shared/types';
import { LatencyHistogram } from './latency-histogram';
import type { WindowedLatency } from './windowed-latency';
import { RECENT_HITS_WINDOW_MS } from '../../shared/stat-windows';
import { CounterWindow } from './counter-window';
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
  /** Hits over the last RECENT_HITS_WINDOW_MS, as of the last sample. */
  hits10s = 0;
  private readonly recentHits = new CounterWindow(RECENT_HITS_WINDOW_MS);

  /**
   * Refresh the figures over time (requests/s, hits in the last 10 s, the
   * latency window) on the snapshot clock; the closed latency slice also goes
   * into `proxyWindow`.
   */
  sample(now: number, proxyWindow: WindowedLatency): void {
    this.rps = this.rate.sample(this.hits, now);
    this.hits10s = this.recentHits.sample(this.hits, now).delta;
    this.latency.window.rotate(now, proxyWindow);
  }

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
    this.hits10s = 0;
    this.recentHits.reset();
  }
}
