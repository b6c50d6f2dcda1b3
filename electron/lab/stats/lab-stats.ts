import { BackendStats } from './backend-stats';
import { RollingRate } from './rolling-rate';

/** All counters of a lab: per backend, and totals seen by clients. */
export class LabStats {
  /** Requests received from clients. */
  requests = 0;
  /** Responses the lab produced itself because no backend could answer. */
  errors = 0;
  rps = 0;
  private readonly rate = new RollingRate();
  private readonly byPort = new Map<number, BackendStats>();

  /** The counters of `port`, created on first use. */
  backend(port: number): BackendStats {
    let stats = this.byPort.get(port);
    if (!stats) {
      stats = new BackendStats();
      this.byPort.set(port, stats);
    }
    return stats;
  }

  forget(port: number): void {
    this.byPort.delete(port);
  }

  /** Refresh every requests/s figure; called on the snapshot clock, never per request. */
  sample(now: number): void {
    this.rps = this.rate.sample(this.requests, now);
    for (const stats of this.byPort.values()) stats.rps = stats.rate.sample(stats.hits, now);
  }

  reset(): void {
    this.requests = 0;
    this.errors = 0;
    this.rps = 0;
    this.rate.reset();
    for (const stats of this.byPort.values()) stats.reset();
  }
}
