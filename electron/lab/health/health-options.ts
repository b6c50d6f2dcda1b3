/** Settings of active health checks: HAProxy `option httpchk GET <path>` + `check inter rise fall`. */
export interface HealthCheckerOptions {
  /** Path of the check request; starts with `/`. */
  path: string;
  /** HAProxy `inter`: time between the starts of two checks of one backend. */
  intervalMs: number;
  /** Consecutive passes that mark a backend passing. */
  rise: number;
  /** Consecutive failures that mark a backend failing. */
  fall: number;
  /** HAProxy `timeout check`; default min(intervalMs, 2000). */
  timeoutMs?: number;
  /** Address the backends listen on; default 127.0.0.1. */
  host?: string;
}

/** Options with every default filled in. */
export type ResolvedHealthOptions = Required<HealthCheckerOptions>;

/** The longest delay Node timers honour; a longer one silently fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Fill in defaults and refuse settings no check could run with, naming the
 * field. Inputs from outside are validated at the edge already; this guards
 * the core against a caller's mistake (a zero interval would spin).
 */
export function resolveHealthOptions(options: HealthCheckerOptions): ResolvedHealthOptions {
  const { path, intervalMs, rise, fall } = options;
  // Visible ASCII only: http.request refuses anything else when the check is sent.
  if (typeof path !== 'string' || !/^\/[\x21-\x7e]*$/.test(path)) throw new RangeError('health check path must start with / and contain no spaces or control characters');
  if (!isTimerMs(intervalMs)) throw new RangeError(`health check intervalMs must be a number of ms from 1 to ${MAX_TIMER_MS}`);
  if (!Number.isInteger(rise) || rise < 1) throw new RangeError('health check rise must be an integer of at least 1');
  if (!Number.isInteger(fall) || fall < 1) throw new RangeError('health check fall must be an integer of at least 1');
  const timeoutMs = options.timeoutMs ?? Math.min(intervalMs, 2000);
  if (!isTimerMs(timeoutMs)) throw new RangeError(`health check timeoutMs must be a number of ms from 1 to ${MAX_TIMER_MS}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw new RangeError('health check host must not be empty');
  return { path, intervalMs, rise, fall, timeoutMs, host };
}

function isTimerMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 1 && ms <= MAX_TIMER_MS;
}
