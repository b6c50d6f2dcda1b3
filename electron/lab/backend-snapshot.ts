import type { BackendState } from './backends/types';
import type { BackendConfig } from './backend-config';
import { isFailed } from './balancer/availability';
import { inRotation } from './balancer/in-rotation';
import { slowStartProgress } from './balancer/slow-start';
import type { BalancerAlgorithm, Peer } from './balancer/types';
import type { BackendStats } from './stats/backend-stats';
import type { BackendSnapshot, HealthState } from '../shared/types';
import { allowedActions } from './backend-rules';
import { outOfRotation } from './out-of-rotation';
import { describeHolder } from './backends/port-holder';
import type { Fault } from '../shared/fault';

/** Everything the lab knows about one backend at one moment. */
export interface BackendView {
  config: BackendConfig;
  /** The supervisor's view of its process; undefined before the first spawn. */
  process: BackendState | undefined;
  stats: BackendStats;
  /** Its peer in the balancer, and all peers (a backup's place depends on the primaries). */
  peer: Peer | undefined;
  peers: readonly Peer[];
  algorithm: BalancerAlgorithm;
  /** A stop is draining it. */
  stopping: boolean;
  health: HealthState | null;
  stickyClients: number;
  /** The fault on the lab's leg to it, and the same in words ("+200 ms ±50"). */
  fault: Readonly<Fault> | null;
  faultWords: string | null;
  /** The balancer's monotonic clock, ms. */
  now: number;
}

/** One backend's row of the snapshot, but for its share of the traffic (see expectedShares). */
export function backendSnapshot(view: BackendView): Omit<BackendSnapshot, 'couldServe' | 'standby' | 'expectedShare'> {
  const { config, process, stats, peer, now } = view;
  const status = view.stopping && process?.status === 'up' ? 'stopping' : (process?.status ?? 'starting');
  const row = {
    port: config.id,
    status,
    allowedActions: allowedActions(status),
    inRotation: peer !== undefined && inRotation(peer, view.peers, now),
    weight: config.weight,
    maxFails: config.maxFails,
    failTimeoutMs: config.failTimeoutMs,
    hits: stats.hits,
    inFlight: peer?.conns ?? 0,
    failures: stats.failures,
    retries: stats.retries,
    responses: stats.responsesByClass(),
    bytes: stats.bytes,
    latencyMs: stats.latency.summary(),
    latencyWindowMs: stats.latency.window.summary(),
    rps: round1(stats.rps),
    hits10s: stats.hits10s,
    pid: process?.pid ?? null,
    restarts: process?.restarts ?? 0,
    command: process?.command ?? config.spec.command ?? '',
    exit: process?.exit ?? null,
    error: process?.error ?? null,
    backup: config.backup,
    down: config.down,
    drain: config.drain,
    maxConns: config.maxConns,
    slowStartMs: config.slowStartMs,
    slowStartProgress: peer === undefined ? null : roundProgress(slowStartProgress(peer, view.algorithm, now)),
    failed: peer !== undefined && isFailed(peer, now),
    health: view.health,
    stickyClients: view.stickyClients,
    fault: view.fault,
    faultWords: view.faultWords,
    portHolder: process?.portHolder ? describeHolder(process.portHolder) : null,
  };
  return { ...row, outOfRotation: outOfRotation(row, view.stopping) };
}

/** One decimal, for rates. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function roundProgress(progress: number | null): number | null {
  return progress === null ? null : Math.round(progress * 100) / 100;
}
