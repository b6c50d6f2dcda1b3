import { DEFAULT_ERROR_STATUS, type Fault } from '../../shared/fault';

/**
 * What one request (or health check) to a faulty backend meets, decided once
 * when it is sent: wait `delayMs`, then either go on to the backend
 * (`forward`), get `status` from the lab in the backend's place (`error`), or
 * have the connection cut (`reset`); or never hear back at all (`hang`); or
 * never get a connection (`unreachable`).
 */
export type FaultOutcome =
  | { kind: 'forward' | 'reset'; delayMs: number }
  | { kind: 'error'; delayMs: number; status: number }
  | { kind: 'hang' | 'unreachable'; delayMs: 0 };

/** What the proxy's health checks ask before each check: the outcome for `port`, or null when it has no fault. */
export type FaultHook = (port: number) => FaultOutcome | null;

const HANG: FaultOutcome = { kind: 'hang', delayMs: 0 };
const UNREACHABLE: FaultOutcome = { kind: 'unreachable', delayMs: 0 };

/**
 * Roll the dice of `fault` for one request. `random` is uniform in [0, 1)
 * like Math.random; inject a seeded one in tests. It is drawn in a fixed
 * order (jitter, reset, error), and only for the fields that are set, so a
 * seeded sequence gives the same outcomes every run. The delay is
 * latencyMs ± jitterMs, uniform, as Toxiproxy's latency toxic does it.
 */
export function rollFault(fault: Fault, random: () => number): FaultOutcome {
  if (fault.unreachable === true) return UNREACHABLE;
  if (fault.hang === true) return HANG;
  const latency = fault.latencyMs ?? 0;
  const jitter = fault.jitterMs ?? 0;
  const delayMs = Math.max(0, jitter > 0 ? latency + (2 * random() - 1) * jitter : latency);
  if (fault.resetRate !== undefined && fault.resetRate > 0 && random() < fault.resetRate) return { kind: 'reset', delayMs };
  if (fault.errorRate !== undefined && fault.errorRate > 0 && random() < fault.errorRate) {
    return { kind: 'error', delayMs, status: fault.errorStatus ?? DEFAULT_ERROR_STATUS };
  }
  return { kind: 'forward', delayMs };
}
