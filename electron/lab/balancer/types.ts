import type { Algorithm } from '../../shared/types';

/**
 * Every method the balancer can run: the lab's shared `Algorithm`s plus
 * nginx's `ip_hash` (`ip-hash`), `hash $request_uri consistent` (`hash`),
 * `random two least_conn` (`random-two`) and the idea of nginx Plus's
 * `least_time header` (`least-time`).
 */
/** Every method the balancer implements: the shared `Algorithm` (kept as its own name for the balancer's signatures). */
export type BalancerAlgorithm = Algorithm;

// Derived from the method modules; kept importable from here for the lab and the tests.
export { BACKUP_FORBIDDEN, NO_BACKUP_ALGORITHMS } from './methods';

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
  /** nginx `backup`: used only while no primary peer is usable. Default false. */
  backup?: boolean;
  /** nginx `max_conns`: no new request while `conns >= maxConns`. 0 (default) = unlimited. */
  maxConns?: number;
  /**
   * nginx Plus `slow_start` / HAProxy `slowstart`, in ms: after `recovered`,
   * the weight used for selection ramps up over this time. 0 (default) = off.
   */
  slowStartMs?: number;
}

/**
 * One upstream server with nginx's per-peer state (ngx_http_upstream_rr_peer_t).
 * Only `pick` and `report` change the selection state; the lab sets `down`
 * and `drain`.
 */
export interface Peer extends PeerConfig {
  backup: boolean;
  maxConns: number;
  slowStartMs: number;
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
  /**
   * Takes no new request from any method (hash keys that map here move on as
   * for `down`), but it is not a failure: requests in flight finish normally.
   */
  drain: boolean;
  /** Moving average of the time to first byte (ms); null until measured. */
  ttfbAvgMs: number | null;
  /** When (ms) `recovered` started this peer's slow start; null when it never did. */
  slowStartAt: number | null;
}

/** What the proxy knows about a request that hashing methods need. */
export interface RequestInfo {
  /** The client's IP address as text (IPv4 or IPv6), for `ip-hash`. */
  clientKey?: string;
  /**
   * Where `clientKey` came from (default the socket). A socket's IPv4-mapped
   * address is an IPv4 client; an X-Forwarded-For one is hashed as the IPv6
   * address nginx's realip makes of it (see client-address.ts).
   */
  clientKeyFrom?: ClientKeySource;
  /** The request URI (nginx `$request_uri`), for `hash`. */
  hashKey?: string;
}

/** Where a client address was read: the connection, or a trusted X-Forwarded-For entry. */
export type ClientKeySource = 'socket' | 'x-forwarded-for';

/** Options fixed for the balancer's lifetime. */
export interface BalancerOptions {
  /** Uniform in [0, 1), like Math.random (the default); inject it for deterministic tests. */
  random?: () => number;
}

/** Pure peer selection over nginx-shaped state. No I/O, time injected. */
export interface Balancer {
  readonly algorithm: BalancerAlgorithm;
  readonly peers: readonly Peer[];
  /**
   * Choose the peer for a request (or its retry), skipping peers in `tried`.
   * Pass the same `tried` set, in the order the peers were tried, for every
   * retry of one request: the hashing methods rebuild nginx's per-request
   * state from it. Returns null when no peer is usable (nginx: "no live
   * upstreams").
   */
  pick(tried: ReadonlySet<Peer> | null, now: number, request?: RequestInfo): Peer | null;
  /**
   * Feedback once an attempt ends: ok=false for error/timeout (nginx
   * free_peer). `ttfbMs`, when the attempt got a first response byte, feeds
   * the peer's moving average used by `least-time`.
   */
  report(peer: Peer, ok: boolean, now: number, ttfbMs?: number): void;
  /**
   * Count a request sent to `peer` without `pick`: a sticky cookie chose it
   * (nginx `sticky cookie`, HAProxy `cookie SRV`). Only `conns` moves, as a
   * pick's would, so least-conn, max_conns and drain waits stay right; the
   * attempt ends with `report` like any other.
   */
  take(peer: Peer): void;
  /**
   * The lab saw the peer's process come (back) up: forget its failures, as a
   * passing health check would. Its effective weight still climbs back one
   * step per pick, as nginx's does.
   */
  revive(peer: Peer): void;
  /**
   * Everything `revive` does, and start the peer's slow start at `now` (when
   * it has `slowStartMs`): its selection weight then ramps up to full.
   */
  recovered(peer: Peer, now: number): void;
  /**
   * Apply a new algorithm and server list as an nginx reload does: selection
   * state is reset, but Peer objects (and their `conns`, `down`, `drain`,
   * time-to-first-byte average and slow start) are kept by id so reports of
   * in-flight requests still land. Throws, changing nothing, on a duplicate
   * id or on `backup` peers with a method nginx forbids them with.
   */
  configure(algorithm: BalancerAlgorithm, configs: readonly PeerConfig[]): void;
}
