/**
 * How much a cumulative counter grew over the last `windowMs`, from samples
 * taken on the snapshot clock: the hot path only increments an integer.
 */
export class CounterWindow {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs: number) {}

  /**
   * Take a sample of the cumulative `count` at `now` (ms). Returns the growth
   * since the newest sample at least `windowMs` old (or since zero, while the
   * history is shorter), and the time that covers.
   */
  sample(count: number, now: number): { delta: number; elapsedMs: number } {
    // The counter started at zero (on creation or reset), so what it counted before the first sample is in the window too.
    if (this.samples.length === 0) this.samples.push({ at: now, count: 0 });
    this.samples.push({ at: now, count });
    while (this.samples.length > 2 && now - this.samples[1]!.at >= this.windowMs) this.samples.shift();
    const oldest = this.samples[0]!;
    return { delta: Math.max(0, count - oldest.count), elapsedMs: now - oldest.at };
  }

  reset(): void {
    this.samples.length = 0;
  }
}
