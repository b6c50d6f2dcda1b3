/**
 * Requests per second over the last second, from a cumulative counter sampled
 * on the snapshot clock: the hot path only increments an integer.
 */
export class RollingRate {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs = 1000) {}

  /** Take a sample of the cumulative `count` at time `now` (ms); returns the rate. */
  sample(count: number, now: number): number {
    this.samples.push({ at: now, count });
    while (this.samples.length > 2 && now - this.samples[1]!.at >= this.windowMs) this.samples.shift();
    const oldest = this.samples[0]!;
    const elapsed = now - oldest.at;
    return elapsed > 0 ? Math.max(0, ((count - oldest.count) * 1000) / elapsed) : 0;
  }

  reset(): void {
    this.samples.length = 0;
  }
}
