/** Runs `fn` once after `ms`; returns the cancel function. Injected so tests drive time. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** The real timer; unref'd, since pending terminal output is no reason to keep the process alive. */
export const realSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};
