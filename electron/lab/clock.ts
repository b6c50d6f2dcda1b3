/**
 * The one source of time above the balancer. The Lab, health checks, slow
 * start, rolling rates and sticky expiry read it instead of the system, so
 * tests drive time rather than wait for it.
 */
export interface Clock {
  /** Monotonic milliseconds, for durations and the balancer. */
  now(): number;
  /** Milliseconds since the epoch, for timestamps a person reads. */
  wall(): number;
  /** Call `fn` every `ms` until the returned function is called; never keeps the process alive. */
  every(ms: number, fn: () => void): () => void;
  /** Call `fn` once after `ms` unless the returned function is called first; never keeps the process alive. */
  after(ms: number, fn: () => void): () => void;
}

/**
 * The deadline after `deadline` for a timer of `period` ms, now that it is
 * `now`: the next one on the original grid, skipping any the process slept
 * through (no burst of catch-up calls). Unlike Node's setInterval, which
 * counts each period from the late start of the one before, the grid never
 * drifts, so a busy host still ticks 10 times a second on average.
 */
export function nextDeadline(deadline: number, now: number, period: number): number {
  const next = deadline + period;
  return next > now ? next : next + (Math.floor((now - next) / period) + 1) * period;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wall: () => Date.now(),
  every(ms, fn) {
    let deadline = performance.now() + ms;
    let timer = setTimeout(tick, ms).unref();
    function tick(): void {
      deadline = nextDeadline(deadline, performance.now(), ms);
      timer = setTimeout(tick, deadline - performance.now()).unref();
      fn();
    }
    return () => clearTimeout(timer);
  },
  after(ms, fn) {
    const timer = setTimeout(fn, ms).unref();
    return () => clearTimeout(timer);
  },
};
