import { BackendStats } from './backend-stats';
import type { WindowLatency } from '../../shared/stat-windows';
import { RollingRate } from './rolling-rate';
import { WindowedLatency } from './windowed-latency';

/** All counters of a lab: per backend, and totals seen by clients. */
export class LabStats {
  /** Requests received from clients. */
  requests = 0;
  /** Responses the lab produced itself because no backend could answer. */
  errors = 0;
  rps = 0;
  private readonly rate = new RollingRate();
  /** Every backend's latency window together (fed from theirs on each sample). */
  private readonly latency = new WindowedLatency();
  private readonly byPort = new Map<number, BackendStats>();
  /** Retries since the last drain, by failed port, then by the port that answered. */
  private pendingRetries = new Map<number, Map<number, number>>();

  /** The counters of `port`, created on first use. */
  backend(port: number): BackendStats {
    let stats = this.byPort.get(port);
    if (!stats) {
      stats = new BackendStats();
      this.byPort.set(port, stats);
    }
    return stats;
  }

  /** A request failed on `from` and went to `to`. Only on retries, never per request. */
  retried(from: number, to: number): void {
    this.backend(from).retries++;
    let targets = this.pendingRetries.get(from);
    if (!targets) this.pendingRetries.set(from, (targets = new Map()));
    targets.set(to, (targets.get(to) ?? 0) + 1);
  }

  /** The retries since the last call, for the event log. */
  drainRetries(): Map<number, Map<number, number>> {
    const drained = this.pendingRetries;
    this.pendingRetries = new Map();
    return drained;
  }

  forget(port: number): void {
    this.byPort.delete(port);
  }

  /** Refresh every figure over time (requests/s, recent hits, latency windows); called on the snapshot clock, never per request. */
  sample(now: number): void {
    this.rps = this.rate.sample(this.requests, now);
    for (const stats of this.byPort.values()) stats.sample(now, this.latency);
    this.latency.rotate(now);
  }

  /** Proxy-wide p50/p99 over the last LATENCY_WINDOW_MS, as of the last sample; null when no backend answered in it. */
  latencyWindow(): WindowLatency | null {
    return this.latency.summary();
  }

  reset(): void {
    this.requests = 0;
    this.errors = 0;
    this.rps = 0;
    this.rate.reset();
    this.latency.reset();
    for (const stats of this.byPort.values()) stats.reset();
  }
}
