/**
 * The one contract every side shares: the lab core produces these, the
 * control API and IPC carry them, the renderer draws them.
 */

import type { CompareProgress } from './compare';
import type { Fault } from './fault';
import type { LoadProgress } from './load';
import type { NextUpstreamCondition } from './proxy-settings';
import type { ScenarioProgress } from './scenario';
import type { WindowLatency } from './stat-windows';

export const ALGORITHMS = ['round-robin', 'weighted', 'least-conn', 'ip-hash', 'hash', 'random-two', 'least-time'] as const;
/** Peer selection method; see electron/lab/balancer for the nginx equivalent of each. */
export type Algorithm = (typeof ALGORITHMS)[number];

export const BACKEND_STATUSES = ['starting', 'up', 'stopping', 'stopped', 'crashed', 'failed'] as const;
/** Lifecycle of one backend process, as the supervisor sees it. */
export type BackendStatus = (typeof BACKEND_STATUSES)[number];

export const HASH_KEYS = ['request-uri', 'path', 'client'] as const;
/**
 * What `hash` hashes: nginx `$request_uri` (path and query, the default),
 * `$uri` (path only) or the client address (`$remote_addr`, or the first
 * X-Forwarded-For address when that is trusted).
 */
export type HashKey = (typeof HASH_KEYS)[number];

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

/** How a backend process ended, when it did. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

export interface BackendSnapshot {
  port: number;
  status: BackendStatus;
  /** The actions its state allows (the lab refuses the rest with 409). */
  allowedActions: readonly RowAction[];
  /** True while the balancer may send it new requests. */
  inRotation: boolean;
  /** Why it takes no new requests, in plain words; null while it could. */
  outOfRotation: string | null;
  /** Whether the balancer could give it a new request (a backup standing by could). */
  couldServe: boolean;
  /** A backup that could serve, standing by while a primary takes the traffic. */
  standby: boolean;
  /** The share of new requests its weight asks for now, 0..1, by the balancer's own rules. */
  expectedShare: number;
  weight: number;
  maxFails: number;
  failTimeoutMs: number;
  hits: number;
  inFlight: number;
  /** Attempts on this backend that failed (refused, timed out, reset before a byte). */
  failures: number;
  /** Requests that failed here and were then retried on another backend. */
  retries: number;
  responses: Record<StatusClass, number>;
  bytes: number;
  latencyMs: LatencySummary;
  /** p50/p99 of its responses over the last LATENCY_WINDOW_MS (1 s, sliding, moved on every snapshot tick); null when none finished in it. */
  latencyWindowMs: WindowLatency | null;
  rps: number;
  /** Requests it answered in the last RECENT_HITS_WINDOW_MS (10 s), for the "last 10 s" share. */
  hits10s: number;
  pid: number | null;
  restarts: number;
  command: string;
  exit: ExitInfo | null;
  /** Why it failed to start, with the tail of its output. */
  error: string | null;
  /** nginx `backup`: used only while no primary is usable. */
  backup: boolean;
  /** Marked down by hand (nginx `down`, HAProxy `maint`): the process runs, no requests; hash mappings kept. */
  down: boolean;
  /** HAProxy `drain`: no new requests; in-flight finish and sticky clients keep coming. */
  drain: boolean;
  /** nginx `max_conns`; 0 = unlimited. */
  maxConns: number;
  /** Slow start length in ms (0 = off), and how far the current ramp is (0..1), null when not ramping. */
  slowStartMs: number;
  slowStartProgress: number | null;
  /** Sitting out after max_fails failures until fail_timeout passes (nginx "temporarily disabled"). */
  failed: boolean;
  /** Active health check state; null while checks are off. */
  health: HealthState | null;
  /** Distinct clients pinned here by the sticky cookie (recently seen). */
  stickyClients: number;
  /** The fault on the lab's leg to this backend (Toxiproxy-style), and in words ("+200 ms ±50", "30% → 503", "hung"). */
  fault: Readonly<Fault> | null;
  faultWords: string | null;
  /** Another program holding its port after its process ended (pid and command), or the one that kept it from starting. */
  portHolder: string | null;
}

/** The last active health check of one backend (HAProxy `check`). */
export interface HealthState {
  /** `unknown` until `rise` or `fall` consecutive results decided it. */
  state: 'passing' | 'failing' | 'unknown';
  /** Epoch ms of the last check, and what it saw ("200 in 3 ms", "connection refused"). */
  lastCheckAt: number | null;
  lastResult: string | null;
  /** Consecutive results in the current direction. */
  streak: number;
}

export interface HealthCheckSettings {
  enabled: boolean;
  path: string;
  intervalMs: number;
  rise: number;
  fall: number;
}

export interface ProxySnapshot {
  port: number;
  url: string;
  algorithm: Algorithm;
  requests: number;
  /** Responses the lab itself produced because no backend could answer. */
  errors: number;
  rps: number;
  /** p50/p99 over every backend's responses in the last LATENCY_WINDOW_MS (1 s); null when none finished in it. */
  latencyWindowMs: WindowLatency | null;
  hashKey: HashKey;
  /** Take the client address from X-Forwarded-For (so one laptop can play many clients). */
  trustForwardedFor: boolean;
  /** Sticky sessions by cookie (nginx `sticky cookie`, HAProxy `cookie SRV insert`). */
  sticky: boolean;
  health: HealthCheckSettings;
  /** nginx `proxy_connect_timeout`, `proxy_read_timeout`, `proxy_next_upstream`, `proxy_next_upstream_tries`. */
  connectTimeoutMs: number;
  readTimeoutMs: number;
  nextUpstream: NextUpstreamCondition[];
  nextUpstreamTries: number;
  /** The hammer: idle, or its progress, or its last result. */
  load: LoadProgress;
  /** The comparison of two methods, without its result (`GET /api/compare` has it). */
  compare: CompareProgress;
  /** The guided scenario's position (`GET /api/scenario` has its steps). */
  scenario: ScenarioProgress;
}

export interface Snapshot {
  /** Milliseconds since the epoch when this snapshot was taken. */
  at: number;
  proxy: ProxySnapshot;
  backends: BackendSnapshot[];
}

/** Something a person would want in the event log, in plain words. */
export interface LabEvent {
  /** Position in the lab's one event history: 1, 2, 3, … */
  seq: number;
  at: number;
  port: number | null;
  kind: 'started' | 'up' | 'stopping' | 'stopped' | 'crashed' | 'failed' | 'removed' | 'added' | 'skipped-port' | 'config' | 'marked-down' | 'info';
  message: string;
}

export interface AddBackendsInput {
  count?: number;
  command?: string;
  /** The bundled sample backend, whatever the lab's own command. */
  sample?: boolean;
  cwd?: string;
  env?: Record<string, string>;
  weight?: number;
  basePort?: number;
}

export interface PatchBackendInput {
  weight?: number;
  backup?: boolean;
  down?: boolean;
  drain?: boolean;
  maxFails?: number;
  failTimeoutMs?: number;
  maxConns?: number;
  slowStartMs?: number;
}

export interface SetBalancerInput {
  algorithm?: Algorithm;
  hashKey?: HashKey;
  trustForwardedFor?: boolean;
  sticky?: boolean;
}

export interface SetHealthInput {
  enabled?: boolean;
  path: string;
  intervalMs: number;
  rise: number;
  fall: number;
}

export type BackendAction = 'start' | 'stop' | 'kill' | 'restart';
/** Everything a backend's row can ask for: its actions, and removing it. */
export type RowAction = BackendAction | 'remove';

/**
 * A lab setup file as it crosses a boundary. Its one schema is
 * electron/lab/setup/setup-schema.ts (published as resources/setup.schema.json);
 * the UI only saves and shows it.
 */
export interface SetupDocument {
  version: number;
  proxy: object;
  health?: object;
  backends: object[];
}

/** The result of every command: never thrown across a boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; field?: string; status?: number };

export type { LabApi } from './command-table';
