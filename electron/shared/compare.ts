import { z } from 'zod';
import { loadInputSchema, type LoadErrors, type LoadInput, type LoadResult } from './load';
import { proxySettingsPatchSchema } from './proxy-settings';
import { setBalancerSchema } from './schemas';
import type { Algorithm } from './types';

/**
 * Compare two methods (or two settings) under one hammer profile
 * (`POST /api/compare`): the lab applies side a, resets counters and
 * selection state, runs the load, then does the same for side b, and puts
 * its own settings back. Its status and result: `GET /api/compare`.
 */

/** One side: what to change before its run. Leaving both out runs the lab as it is. */
export const compareSideSchema = z.strictObject({
  /** What the result and the verdict call this side; defaults to its method's name. */
  label: z.string().trim().min(1).max(60).optional(),
  balancer: setBalancerSchema.optional(),
  proxy: proxySettingsPatchSchema.optional(),
});
export type CompareSide = z.infer<typeof compareSideSchema>;

export const compareInputSchema = z.strictObject({
  a: compareSideSchema,
  b: compareSideSchema,
  /** The hammer profile both runs use (`POST /api/load`'s input); empty means the hammer's defaults. */
  load: loadInputSchema.optional(),
});
export type CompareInput = z.infer<typeof compareInputSchema>;

/** What one side's run measured: the hammer's view and the proxy's own counters, over that run only. */
export interface CompareRun {
  label: string;
  /** The method the run used. */
  algorithm: Algorithm;
  /** The hammer's result: achieved rate, latency, split by `X-Lab-Backend`. */
  load: LoadResult;
  errors: LoadErrors;
  /** The proxy's counters for the run (they start at zero: the lab resets them before each run). */
  proxy: {
    requests: number;
    retries: number;
    failures: number;
    /** Requests each backend answered, by port. */
    byBackend: Record<string, number>;
  };
}

export interface CompareResult {
  load: LoadInput;
  a: CompareRun;
  b: CompareRun;
  /** The difference in plain words, e.g. "least-conn sent 9% to 4001, round-robin 33%; p99 210 ms vs 1,840 ms". */
  verdict: string;
  /** Wall-clock start, ISO 8601. */
  startedAt: string;
}

export const COMPARE_STATES = ['idle', 'running', 'done', 'stopped', 'failed'] as const;
/** `stopped`: `DELETE /api/compare` (or the hammer was stopped) before both runs ended; `failed`: a side could not be applied. */
export type CompareState = (typeof COMPARE_STATES)[number];

/** `GET /api/compare`, and the snapshot's `compare` while one runs. */
export interface CompareStatus {
  state: CompareState;
  /** The side whose run is on now. */
  running: 'a' | 'b' | null;
  labels: { a: string; b: string } | null;
  result: CompareResult | null;
  /** Why it failed or stopped, in words. */
  reason: string | null;
}

/** What the snapshot carries: the status without the result. */
export type CompareProgress = Omit<CompareStatus, 'result'>;

export const IDLE_COMPARE: CompareStatus = { state: 'idle', running: null, labels: null, result: null, reason: null };
export const IDLE_COMPARE_PROGRESS: CompareProgress = { state: 'idle', running: null, labels: null, reason: null };
