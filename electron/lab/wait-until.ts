import type { Clock } from './clock';

/** Real time with timers that keep the process alive while something waits on them. */
const REAL_TIME: Pick<Clock, 'now' | 'after'> = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * Poll `done` every `stepMs` until it holds or `timeoutMs` passes; resolves
 * whether it held. Time is `clock`'s when one is given (the lab's own, which
 * tests drive), else real time.
 */
export async function waitUntil(done: () => boolean, timeoutMs: number, stepMs = 20, clock: Pick<Clock, 'now' | 'after'> = REAL_TIME): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  while (!done()) {
    if (clock.now() >= deadline) return false;
    await new Promise<void>((resolve) => clock.after(stepMs, resolve));
  }
  return true;
}
