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

export const systemClock: Clock = {
  now: () => performance.now(),
  wall: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms).unref();
    return () => clearInterval(timer);
  },
  after(ms, fn) {
    const timer = setTimeout(fn, ms).unref();
    return () => clearTimeout(timer);
  },
};
