import { isFailed } from './availability';
import type { Peer } from './types';

/**
 * Whether a new request could go to `peer` by the balancer's own rules, for
 * the snapshot's `inRotation`: not down (stopped, marked down, failing its
 * health checks), not draining, weight above 0 and not sitting out after
 * max_fails. A `backup` only counts while no primary could take the request,
 * as nginx uses it. `max_conns` is left out: a full peer is busy, not out.
 */
export function inRotation(peer: Peer, peers: readonly Peer[], now: number): boolean {
  if (!isOpen(peer, now)) return false;
  return !peer.backup || !peers.some((other) => !other.backup && isOpen(other, now));
}

function isOpen(peer: Peer, now: number): boolean {
  return !peer.down && !peer.drain && peer.weight > 0 && !isFailed(peer, now);
}
