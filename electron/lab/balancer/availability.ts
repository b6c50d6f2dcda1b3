import type { Peer } from './types';

export { selectionWeight } from '../../shared/selection-weight';

/**
 * nginx's max_fails/fail_timeout rule: a peer with `fails >= maxFails` sits
 * out until `failTimeoutMs` has passed since it was last checked. `checked`
 * moves when the peer fails and when it is picked again after the timeout,
 * so only one probe request goes to it until that probe is reported.
 */
export function isFailed(peer: Peer, now: number): boolean {
  return peer.maxFails > 0 && peer.fails >= peer.maxFails && now - peer.checked <= peer.failTimeoutMs;
}

/** nginx `max_conns`: a peer at its limit takes no new request; 0 is no limit. */
export function isFull(peer: Peer): boolean {
  return peer.maxConns > 0 && peer.conns >= peer.maxConns;
}

/**
 * Whether `peer` may take this attempt: not already tried for this request,
 * not down or draining, weight above 0 (the lab's "no new requests"), not
 * failed and not at max_conns. Every method applies the same test, as each
 * nginx module repeats the same checks.
 */
export function isUsable(peer: Peer, tried: ReadonlySet<Peer> | null, now: number): boolean {
  if (tried?.has(peer)) return false;
  if (peer.down || peer.drain || peer.weight <= 0) return false;
  return !isFailed(peer, now) && !isFull(peer);
}
