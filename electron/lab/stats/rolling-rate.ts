import { CounterWindow } from './counter-window';

/**
 * Requests per second over the last second, from a cumulative counter sampled
 * on the snapshot clock: the hot path only increments an integer.
 */
export class RollingRate {
  private readonly window: CounterWindow;

  constructor(windowMs = 1000) {
    this.window = new CounterWindow(windowMs);
  }

  /** Take a sample of the cumulative `count` at time `now` (ms); returns the rate. */
  sample(count: number, now: number): number {
    const { delta, elapsedMs } = this.window.sample(count, now);
    return elapsedMs > 0 ? (delta * 1000) / elapsedMs : 0;
  }

  reset(): void {
    this.window.reset();
  }
}
