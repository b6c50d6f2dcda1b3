import { DEFAULT_PROXY_SETTINGS } from '../shared/proxy-settings';
import type { Algorithm, HashKey } from '../shared/types';

/**
 * Every default of the lab in one place: the CLI's flags and --help, the
 * Lab's options and the README read them from here.
 */
export const DEFAULTS = {
  /** Backends started with the lab when no weights are given. */
  backends: 3,
  basePort: 4000,
  proxyPort: 8080,
  uiPort: 5170,
  /** Everything binds loopback. */
  host: '127.0.0.1',
  /** A new backend's weight. */
  weight: 1,
  /** How many of the initial backends are `backup` servers. */
  backups: 0,
  /** nginx `max_fails`. */
  maxFails: 1,
  /** nginx `fail_timeout` (10s). */
  failTimeoutMs: 10_000,
  /** nginx `max_conns`: 0 is no limit. */
  maxConns: 0,
  /** nginx Plus `slow_start`: 0 is off. */
  slowStartMs: 0,
  /** nginx `proxy_connect_timeout 1`: a dead server is skipped fast (shared/proxy-settings.ts holds the proxy's defaults). */
  connectTimeoutMs: DEFAULT_PROXY_SETTINGS.connectTimeoutMs,
  hashKey: 'request-uri' satisfies HashKey as HashKey,
  trustForwardedFor: false,
  sticky: false,
  /** Active health checks (HAProxy `inter`, `rise`, `fall`); off until a path is given. */
  health: { path: '/', intervalMs: 2000, rise: 2, fall: 3 },
  /** 10 snapshots a second. */
  snapshotIntervalMs: 100,
  /** How long a stop waits for requests in flight before SIGTERM. */
  drainTimeoutMs: 5000,
} as const;

/** The method when none is named: `weighted` when weights are given (they would mean nothing otherwise), else `round-robin`. */
export function defaultAlgorithm(weightsGiven: boolean): Algorithm {
  return weightsGiven ? 'weighted' : 'round-robin';
}
