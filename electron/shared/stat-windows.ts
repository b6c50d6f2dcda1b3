/**
 * The lab's short windows, shared so the dashboard labels them with the
 * figures the lab uses.
 */

/** `latencyWindowMs` (proxy-wide and per backend) covers the responses that finished in the last this many ms. */
export const LATENCY_WINDOW_MS = 1000;

/** `hits10s` counts the requests a backend answered in the last this many ms. */
export const RECENT_HITS_WINDOW_MS = 10_000;

/** Latency percentiles over the last LATENCY_WINDOW_MS, in milliseconds. */
export interface WindowLatency {
  p50: number;
  p99: number;
}
