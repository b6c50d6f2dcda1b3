import { isFailed, isFull } from './availability';
import type { Peer } from './types';

/**
 * Whether a client a sticky cookie pins to `peer` may still be sent there.
 * Draining and weight 0 do not stop it: HAProxy's `drain` (which is weight 0)
 * keeps serving persistent clients, which is the point of draining gently.
 * Down (stopped, marked down, failing health checks), sitting out after
 * max_fails, or full at max_conns does: the client is then balanced as if it
 * had no cookie, as nginx's `sticky` does with a server that cannot take it.
 */
export function acceptsSticky(peer: Peer, now: number): boolean {
  return !peer.down && !isFailed(peer, now) && !isFull(peer);
}
