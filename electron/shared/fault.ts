import { z } from 'zod';

/**
 * Faults on the lab's leg to one backend, as Toxiproxy puts "toxics" between
 * a proxy and a server. Every field is optional; a fault with several fields
 * applies them in this order: `hang` (nothing else matters), then the
 * latency, then a reset (`resetRate`), then an error answer (`errorRate`).
 * `unreachable` comes before all of them: no connection is ever made.
 */
export interface Fault {
  /** Added before the response starts, in ms (Toxiproxy `latency`). */
  latencyMs?: number;
  /** Uniform spread around `latencyMs`: the delay is latencyMs ± jitterMs (Toxiproxy `jitter`). */
  jitterMs?: number;
  /** Share of requests (0-1) the lab answers with `errorStatus` in place of the backend. */
  errorRate?: number;
  /** The status of those answers; default 500. */
  errorStatus?: number;
  /** Nothing ever comes back: the proxy's read timeout (nginx `proxy_read_timeout`) decides. */
  hang?: boolean;
  /** Share of requests (0-1) whose connection is cut before any response byte, as a crashing worker would. */
  resetRate?: number;
  /**
   * No connection ever completes, as to a server whose machine is gone while
   * its process still looks alive to nobody: each attempt costs the connect
   * timeout (nginx `proxy_connect_timeout`) and counts against `max_fails`.
   */
  unreachable?: boolean;
}

/** The status an error answer has when `errorStatus` is not given. */
export const DEFAULT_ERROR_STATUS = 500;
/** The most latency one fault may add: ten minutes is already "hung" for any demo. */
export const MAX_FAULT_LATENCY_MS = 600_000;

const rate = z.number().min(0, 'must be a rate from 0 to 1').max(1, 'must be a rate from 0 to 1');
const ms = z.number().int('must be a whole number of ms').min(0, 'must not be negative').max(MAX_FAULT_LATENCY_MS);

/**
 * A fault as it comes from outside (`PUT /api/backends/:port/fault`, IPC):
 * strict (an unknown field is refused by name), at least one field, jitter no
 * larger than the latency (so no delay is ever negative), and a status only
 * together with the rate that uses it.
 */
export const faultSchema = z
  .strictObject({
    latencyMs: ms.optional(),
    jitterMs: ms.optional(),
    errorRate: rate.optional(),
    errorStatus: z.number().int('must be an HTTP status').min(100, 'must be an HTTP status from 100 to 599').max(599, 'must be an HTTP status from 100 to 599').optional(),
    hang: z.boolean().optional(),
    resetRate: rate.optional(),
    unreachable: z.boolean().optional(),
  })
  .superRefine((fault, ctx) => {
    if (Object.keys(fault).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'no fault given: set latencyMs, jitterMs, errorRate, errorStatus, hang, resetRate or unreachable (clearing is its own command)' });
    }
    if (fault.jitterMs !== undefined && fault.jitterMs > (fault.latencyMs ?? 0)) {
      ctx.addIssue({ code: 'custom', path: ['jitterMs'], message: 'must not be larger than latencyMs' });
    }
    if (fault.errorStatus !== undefined && fault.errorRate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['errorStatus'], message: 'needs errorRate (the share of requests that get it)' });
    }
  });

/**
 * The fault in the words a backend's row shows, e.g. "+200 ms ±50",
 * "30% → 503", "hung", "20% reset", "unreachable"; parts are joined with ", ". A fault
 * that changes nothing (every rate 0, no latency) reads "none".
 */
export function describeFault(fault: Fault): string {
  if (fault.unreachable === true) return 'unreachable';
  if (fault.hang === true) return 'hung';
  const parts: string[] = [];
  const latency = fault.latencyMs ?? 0;
  const jitter = fault.jitterMs ?? 0;
  if (latency > 0 || jitter > 0) parts.push(jitter > 0 ? `+${latency} ms ±${jitter}` : `+${latency} ms`);
  if ((fault.errorRate ?? 0) > 0) parts.push(`${percent(fault.errorRate!)} → ${fault.errorStatus ?? DEFAULT_ERROR_STATUS}`);
  if ((fault.resetRate ?? 0) > 0) parts.push(`${percent(fault.resetRate!)} reset`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
