import type { Clock } from '../../electron/lab/clock';

interface Timer {
  due: number;
  every: number | null;
  fn: () => void;
}

/**
 * A clock the test moves by hand: `advance(ms)` runs every timer that
 * falls due on the way, in order, with `now()` at its due time. Nothing
 * runs unless the test advances it.
 */
export class ManualClock implements Clock {
  private monotonic = 0;
  private readonly timers = new Set<Timer>();

  constructor(private epoch = 1_700_000_000_000) {}

  now(): number {
    return this.monotonic;
  }

  wall(): number {
    return this.epoch + this.monotonic;
  }

  every(ms: number, fn: () => void): () => void {
    return this.add({ due: this.monotonic + ms, every: Math.max(1, ms), fn });
  }

  after(ms: number, fn: () => void): () => void {
    return this.add({ due: this.monotonic + ms, every: null, fn });
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const end = this.monotonic + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.monotonic = next.due;
      if (next.every === null) this.timers.delete(next);
      else next.due += next.every;
      next.fn();
    }
    this.monotonic = end;
  }

  private add(timer: Timer): () => void {
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  }
}
