import type { BackendSpec } from './backends/types';
import type { PeerConfig } from './balancer/types';

/**
 * What the user set for one backend: how to run it, its nginx `server`
 * parameters, and the two hand-set states. `down` and `drain` are not part
 * of the balancer's configuration (changing them is no reload); the lab
 * copies them onto the peer.
 */
export interface BackendConfig extends PeerConfig {
  spec: BackendSpec;
  backup: boolean;
  maxConns: number;
  slowStartMs: number;
  /** Marked down by hand (nginx `down`, HAProxy `maint`). */
  down: boolean;
  /** HAProxy `drain`: no new requests from the balancer. */
  drain: boolean;
}
