import type { Peer } from './types';

/**
 * nginx's hashing and random modules give up on their own choice after this
 * many unusable picks in one request (`tries > 20`) and fall back to
 * round-robin.
 */
export const MAX_TRIES = 20;

/** What a hashing or random method needs from the balancer for one pick. */
export interface PickContext {
  /** Peers already tried for this request, in the order they were tried. */
  tried: readonly Peer[];
  /** Whether the peer may take this attempt (not tried, down, draining, failed or full). */
  usable: (peer: Peer) => boolean;
  /** nginx's `get_rr_peer` fallback: smooth weighted round-robin over the usable peers. */
  roundRobin: () => Peer | null;
}
