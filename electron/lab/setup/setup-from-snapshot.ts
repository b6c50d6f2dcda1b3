import type { BackendSpec } from '../backends/types';
import type { BackendSetup, FaultSetup, LabSetup, ProxySetup } from './setup-schema';
import { SETUP_VERSION } from './setup-schema';
import type { Snapshot } from '../../shared/types';

/** What a setup needs that today's Snapshot does not carry; each is optional and left out of the setup when absent. */
export interface SetupExtras {
  /**
   * Each backend's run spec as the Lab keeps it (its BackendConfig.spec):
   * the snapshot shows the command as run, with the port filled in, and
   * neither cwd nor env.
   */
  specs?: Iterable<BackendSpec>;
  /** Proxy settings the snapshot does not show (yet). */
  proxy?: Pick<ProxySetup, 'connectTimeoutMs' | 'readTimeoutMs' | 'nextUpstream' | 'nextUpstreamTries'>;
  /** Faults set per port. */
  faults?: ReadonlyMap<number, FaultSetup>;
}

/**
 * The setup a running lab is in, from its snapshot: method and routing,
 * health checks, and every backend with its parameters and hand-set flags,
 * written out in full so the file says what the lab did, not what a default
 * happened to be. Live state (hits, status, failures) is not setup.
 */
export function setupFromSnapshot(snapshot: Snapshot, extras: SetupExtras = {}): LabSetup {
  const specs = new Map<number, BackendSpec>([...(extras.specs ?? [])].map((spec) => [spec.port, spec]));
  const { proxy } = snapshot;
  const health = proxy.health;
  return {
    version: SETUP_VERSION,
    proxy: {
      port: proxy.port,
      algorithm: proxy.algorithm,
      hashKey: proxy.hashKey,
      trustForwardedFor: proxy.trustForwardedFor,
      sticky: proxy.sticky,
      ...extras.proxy,
    },
    ...(health.enabled ? { health: { path: health.path, intervalMs: health.intervalMs, rise: health.rise, fall: health.fall } } : {}),
    backends: snapshot.backends.map((b): BackendSetup => {
      const spec = specs.get(b.port);
      const fault = extras.faults?.get(b.port);
      return {
        port: b.port,
        ...(spec?.command !== undefined ? { command: spec.command } : {}),
        ...(spec?.cwd !== undefined ? { cwd: spec.cwd } : {}),
        ...(spec?.env !== undefined ? { env: { ...spec.env } } : {}),
        weight: b.weight,
        backup: b.backup,
        down: b.down,
        drain: b.drain,
        maxFails: b.maxFails,
        failTimeoutMs: b.failTimeoutMs,
        maxConns: b.maxConns,
        slowStartMs: b.slowStartMs,
        ...(fault ? { fault: { ...fault } } : {}),
      };
    }),
  };
}
