import type { SupervisorOptions } from './backends/types';
import type { Clock } from './clock';
import type { NextUpstreamCondition, ProxySettingsPatch } from '../shared/proxy-settings';
import type { FleetOptions } from './fleet';
import { DEFAULTS, defaultAlgorithm } from './defaults';
import type { Routing } from './proxy/request-info';
import type { Algorithm, HashKey, SetHealthInput } from '../shared/types';

/** How to build a Lab; every field has a default. */
export interface LabOptions {
  /** Backends started with the lab (default 3). */
  backends?: number;
  basePort?: number;
  proxyPort?: number;
  /** Interface everything binds to (default 127.0.0.1). */
  host?: string;
  /** Default: `weighted` when weights are given, otherwise `round-robin`. */
  algorithm?: Algorithm;
  /** One per initial backend; default 1 each. */
  weights?: readonly number[];
  /** Command template with {port}; default the bundled sample backend. */
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** The last N initial backends are nginx `backup` servers (not with ip-hash, hash or random-two). */
  backups?: number;
  /** Defaults of every backend's nginx `server` parameters. */
  maxFails?: number;
  failTimeoutMs?: number;
  maxConns?: number;
  slowStartMs?: number;
  /** What `hash` hashes (default the request URI). */
  hashKey?: HashKey;
  /** Take the client address for ip-hash/hash from X-Forwarded-For. */
  trustForwardedFor?: boolean;
  /** Sticky sessions by cookie. */
  sticky?: boolean;
  /** Active health checks from the start (`enabled` defaults to true); off when absent. */
  health?: SetHealthInput;
  /** nginx `proxy_connect_timeout`, `proxy_read_timeout`, `proxy_next_upstream`, `proxy_next_upstream_tries` (defaults in shared/proxy-settings.ts). */
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  nextUpstream?: NextUpstreamCondition[];
  nextUpstreamTries?: number;
  /** How often snapshots go out (default 100 ms: 10 per second). */
  snapshotIntervalMs?: number;
  /** How long a stop waits for in-flight requests before SIGTERM. */
  drainTimeoutMs?: number;
  /** Ports backends must never take (the control API's, say). */
  reservedPorts?: readonly number[];
  supervisor?: SupervisorOptions;
  /** The lab's one clock (default the system's); tests drive it. */
  clock?: Clock;
}

/** LabOptions with every default applied, grouped by the part that uses them. */
export interface ResolvedLabOptions {
  backends: number;
  proxyPort: number;
  host: string;
  algorithm: Algorithm;
  weights: readonly number[] | undefined;
  backups: number;
  proxySettings: ProxySettingsPatch;
  snapshotIntervalMs: number;
  drainTimeoutMs: number;
  reservedPorts: readonly number[];
  routing: Routing;
  fleet: FleetOptions;
}

export function resolveLabOptions(options: LabOptions): ResolvedLabOptions {
  return {
    backends: options.backends ?? options.weights?.length ?? DEFAULTS.backends,
    proxyPort: options.proxyPort ?? DEFAULTS.proxyPort,
    host: options.host ?? DEFAULTS.host,
    algorithm: options.algorithm ?? defaultAlgorithm(options.weights !== undefined),
    weights: options.weights,
    backups: options.backups ?? DEFAULTS.backups,
    proxySettings: Object.fromEntries(
      Object.entries({ connectTimeoutMs: options.connectTimeoutMs, readTimeoutMs: options.readTimeoutMs, nextUpstream: options.nextUpstream, nextUpstreamTries: options.nextUpstreamTries }).filter(([, v]) => v !== undefined),
    ),
    snapshotIntervalMs: options.snapshotIntervalMs ?? DEFAULTS.snapshotIntervalMs,
    drainTimeoutMs: options.drainTimeoutMs ?? DEFAULTS.drainTimeoutMs,
    reservedPorts: options.reservedPorts ?? [],
    routing: {
      hashKey: options.hashKey ?? DEFAULTS.hashKey,
      trustForwardedFor: options.trustForwardedFor ?? DEFAULTS.trustForwardedFor,
      sticky: options.sticky ?? DEFAULTS.sticky,
    },
    fleet: {
      basePort: options.basePort ?? DEFAULTS.basePort,
      ...(options.command ? { command: options.command } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
      defaults: {
        maxFails: options.maxFails ?? DEFAULTS.maxFails,
        failTimeoutMs: options.failTimeoutMs ?? DEFAULTS.failTimeoutMs,
        maxConns: options.maxConns ?? DEFAULTS.maxConns,
        slowStartMs: options.slowStartMs ?? DEFAULTS.slowStartMs,
      },
      ...(options.supervisor ? { supervisor: options.supervisor } : {}),
    },
  };
}
