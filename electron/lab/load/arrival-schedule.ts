import { plannedRequests, type LoadPlan } from '../../shared/load';

/**
 * When each request of an open-loop run is due: arrival `i` leaves at
 * `start + i / rate`, whatever happened to the ones before it (wrk2, k6's
 * constant-arrival-rate). No library schedules this way for Node: autocannon
 * and undici send the next request when a connection is free, which is the
 * closed loop that hides a slow backend.
 */
export class ArrivalSchedule {
  /** How many arrivals the run has in all. */
  readonly total: number;
  private readonly intervalMs: number;

  /** `plan.rate` must be set (an open-loop plan). */
  constructor(
    plan: Pick<LoadPlan, 'rate' | 'durationS' | 'requests'>,
    private readonly startMs: number,
  ) {
    this.intervalMs = 1000 / plan.rate!;
    // Arrivals at 0, 1/rate, ... strictly before the end: 200/s for 3 s is 600.
    this.total = plannedRequests({ ...plan, rate: plan.rate! })!;
  }

  /** The scheduled send time of arrival `i`, in the clock's milliseconds. */
  timeOf(i: number): number {
    return this.startMs + i * this.intervalMs;
  }

  /** How many arrivals are due at `now` (scheduled at or before it). */
  dueBy(now: number): number {
    if (now < this.startMs) return 0;
    return Math.min(this.total, Math.floor((now - this.startMs) / this.intervalMs) + 1);
  }
}
