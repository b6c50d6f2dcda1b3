import { z } from 'zod';
import { healthPathSchema } from './schemas';

/**
 * The load generator ("Hammer"): its input (`POST /api/load`), its status
 * (`GET /api/load`, and the snapshot's progress) and the plan a run follows.
 * The input has no target on purpose: the lab always points the hammer at
 * its own proxy, so a field naming a host or port is refused as unknown.
 */

/** Caps, so one click cannot run for an hour or flood the machine. */
export const LOAD_LIMITS = {
  /** Arrivals per second in open-loop mode; above the hammer's measured ceiling on a small laptop. */
  maxRate: 20_000,
  maxConnections: 1_000,
  maxDurationS: 600,
  maxRequests: 10_000_000,
  maxPaths: 64,
  maxPathWeight: 1_000,
  /** One /24 each (10.<i/256>.<i%256>.1), so ip_hash, which hashes an IPv4 /24, sees them all apart. */
  maxClients: 65_536,
} as const;

/** Defaults of a run when the input leaves a field out. */
export const LOAD_DEFAULTS = {
  rate: 100,
  /** Open loop: enough that a 200 ms backend at a few hundred per second never runs out. */
  openConnections: 64,
  /** Closed loop: autocannon's default. */
  closedConnections: 10,
  durationS: 10,
  path: '/',
  method: 'GET',
} as const;

export const LOAD_MODES = ['open', 'closed'] as const;
/** `open`: a fixed arrival rate (wrk2, k6 constant-arrival-rate). `closed`: each connection sends again as soon as its answer is in. */
export type LoadMode = (typeof LOAD_MODES)[number];

export const LOAD_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type LoadMethod = (typeof LOAD_METHODS)[number];

const weightedPathSchema = z.union([
  healthPathSchema,
  z.strictObject({ path: healthPathSchema, weight: z.number().int().min(1).max(LOAD_LIMITS.maxPathWeight) }),
]);

/** `POST /api/load`. Either a duration, a request count, or both (whichever comes first); neither means the default duration. */
export const loadInputSchema = z
  .strictObject({
    mode: z.enum(LOAD_MODES).optional(),
    /** Arrivals per second (open loop only). */
    rate: z.number().min(1).max(LOAD_LIMITS.maxRate).optional(),
    connections: z.number().int().min(1).max(LOAD_LIMITS.maxConnections).optional(),
    durationS: z.number().min(0.1).max(LOAD_LIMITS.maxDurationS).optional(),
    requests: z.number().int().min(1).max(LOAD_LIMITS.maxRequests).optional(),
    paths: z.array(weightedPathSchema).min(1).max(LOAD_LIMITS.maxPaths).optional(),
    clients: z.number().int().min(0).max(LOAD_LIMITS.maxClients).optional(),
    keepAlive: z.boolean().optional(),
    method: z.enum(LOAD_METHODS).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.mode === 'closed' && input.rate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a closed-loop run goes as fast as its connections allow: leave rate out, or use mode "open"' });
    }
  });

export type LoadInput = z.infer<typeof loadInputSchema>;

/** A run with every default filled in: what the worker process executes. */
export interface LoadPlan {
  mode: LoadMode;
  /** Arrivals per second; null in closed-loop mode. */
  rate: number | null;
  connections: number;
  /** Upper bound of the sending time, in seconds. */
  durationS: number;
  /** Upper bound of the requests sent; null for no bound but the duration. */
  requests: number | null;
  paths: { path: string; weight: number }[];
  clients: number;
  keepAlive: boolean;
  method: LoadMethod;
}

/** Fill in the defaults of a validated input. */
export function loadPlan(input: LoadInput): LoadPlan {
  const mode = input.mode ?? 'open';
  return {
    mode,
    rate: mode === 'open' ? (input.rate ?? LOAD_DEFAULTS.rate) : null,
    connections: input.connections ?? (mode === 'open' ? LOAD_DEFAULTS.openConnections : LOAD_DEFAULTS.closedConnections),
    durationS: input.durationS ?? (input.requests !== undefined ? LOAD_LIMITS.maxDurationS : LOAD_DEFAULTS.durationS),
    requests: input.requests ?? null,
    paths: (input.paths ?? [LOAD_DEFAULTS.path]).map((p) => (typeof p === 'string' ? { path: p, weight: 1 } : p)),
    clients: input.clients ?? 0,
    keepAlive: input.keepAlive ?? true,
    method: input.method ?? LOAD_DEFAULTS.method,
  };
}

/** How long the plan sends for, in seconds, when that is known up front. */
export function plannedSeconds(plan: Pick<LoadPlan, 'rate' | 'durationS' | 'requests'>): number | null {
  if (plan.requests === null) return plan.durationS;
  // A closed loop's pace is unknown up front: its progress is the share of requests sent.
  return plan.rate !== null ? Math.min(plan.durationS, plan.requests / plan.rate) : null;
}

/** How many requests the plan sends at most, when that is known up front. */
export function plannedRequests(plan: Pick<LoadPlan, 'rate' | 'durationS' | 'requests'>): number | null {
  if (plan.rate === null) return plan.requests;
  const inDuration = Math.ceil(plan.rate * plan.durationS - 1e-9);
  return plan.requests === null ? inDuration : Math.min(plan.requests, inDuration);
}

export const LOAD_STATES = ['idle', 'running', 'done', 'stopped'] as const;
/** `done`: it ended by itself (duration or count reached); `stopped`: by `stop()` or its process ended early. */
export type LoadState = (typeof LOAD_STATES)[number];

/**
 * Failures by kind. `refused`, `timeout`, `reset` and `other` got no HTTP
 * response; `http5xx` did (a 5xx status) and is counted in `answered` too.
 */
export interface LoadErrors {
  refused: number;
  timeout: number;
  reset: number;
  http5xx: number;
  other: number;
}

export interface LoadLatency {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** The outcome of a finished run. */
export interface LoadResult {
  /** Requests that got an HTTP response (= `answered`). */
  requests: number;
  /** From the first send to the last answer. */
  durationS: number;
  /** `requests / durationS`: the achieved rate. */
  rps: number;
  /** In ms; open loop: from each request's scheduled send time, which corrects coordinated omission. */
  latencyMs: LoadLatency;
  /** Answers by the `X-Lab-Backend` header the proxy sets (port -> count); the proxy's own 502s name no port and are left out. */
  byBackend: Record<string, number>;
}

/** `GET /api/load`. */
export interface LoadStatus {
  state: LoadState;
  sent: number;
  answered: number;
  /** Answers per second over the last second. */
  rate: number;
  errors: LoadErrors;
  result?: LoadResult;
}

/**
 * A status with the timing a progress bar needs; what goes into the lab's
 * snapshot while a run is on. `plannedS`/`plannedRequests` are null when the
 * run has no such bound.
 */
export interface LoadProgress extends LoadStatus {
  elapsedS: number;
  plannedS: number | null;
  plannedRequests: number | null;
}

export function emptyLoadErrors(): LoadErrors {
  return { refused: 0, timeout: 0, reset: 0, http5xx: 0, other: 0 };
}

/** The status before any run. */
export const IDLE_LOAD: LoadProgress = {
  state: 'idle',
  sent: 0,
  answered: 0,
  rate: 0,
  errors: emptyLoadErrors(),
  elapsedS: 0,
  plannedS: null,
  plannedRequests: null,
};
