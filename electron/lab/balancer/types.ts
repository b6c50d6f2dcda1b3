import type { Algorithm } from '../../shared/types';

/** What the user configured for one upstream server (nginx `server` line). */
export interface PeerConfig {
  /** The backend's port; identifies the peer. */
  id: number;
  /** 0-256 as in HAProxy; 0 takes no new requests. */
  weight: number;
  /** nginx `max_fails`; 0 disables failure accounting. */
  maxFails: number;
  /** nginx `fail_timeout`, in milliseconds. */
  failTimeoutMs: number;
}

/**
 * One upstream server with nginx's per-peer state (ngx_http_upstream_rr_peer_t).
 * Only `pick` and `report` change the selection state; the lab sets `down`.
 */
export interface Peer extends PeerConfig {
  effectiveWeight: number;
  currentWeight: number;
  fails: number;
  /** Time (ms) of the last failure. */
  accessed: number;
  /** Time (ms) the peer was last checked (failed, or probed after fail_timeout). */
  checked: number;
  /** Requests picked and not yet reported. */
  conns: number;
  /** Out of rotation (process not up, or being stopped): nginx `down`. */
  down: boolean;
}

/** Pure peer selection over nginx-shaped state. No I/O, time injected. */
export interface Balancer {
  readonly algorithm: Algorithm;
  readonly peers: readonly Peer[];
  /**
   * Choose the peer for a request (or its retry), skipping peers in `tried`.
   * Returns null when no peer is usable (nginx: "no live upstreams").
   */
  pick(tried: ReadonlySet<Peer> | null, now: number): Peer | null;
  /** Feedback once an attempt ends: ok=false for error/timeout (nginx free_peer). */
  report(peer: Peer, ok: boolean, now: number): void;
  /**
   * The lab saw the peer's process come (back) up: forget its failures, as a
   * passing health check would. Its effective weight still climbs back one
   * step per pick, as nginx's does.
   */
  revive(peer: Peer): void;
  /**
   * Apply a new algorithm and server list as an nginx reload does: selection
   * state is reset, but Peer objects (and their `conns`, `down`) are kept by
   * id so reports of in-flight requests still land.
   */
  configure(algorithm: Algorithm, configs: readonly PeerConfig[]): void;
}
