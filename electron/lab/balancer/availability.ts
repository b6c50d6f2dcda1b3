import type { Algorithm } from '../../shared/types';
import type { Peer } from './types';

/**
 * The weight an algorithm balances with. `round-robin` is smooth weighted
 * round-robin with every weight taken as 1, but a configured 0 still means
 * "no new requests", so it stays 0.
 */
export function selectionWeight(algorithm: Algorithm, weight: number): number {
  if (algorithm === 'round-robin') return weight > 0 ? 1 : 0;
  return weight;
}

/**
 * nginx's max_fails/fail_timeout rule: a peer with `fails >= maxFails` sits
 * out until `failTimeoutMs` has passed since it was last checked. `checked`
 * moves when the peer fails and when it is picked again after the timeout,
 * so only one probe request goes to it until that probe is reported.
 */
export function isFailed(peer: Peer, now: number): boolean {
  return peer.maxFails > 0 && peer.fails >= peer.maxFails && now - peer.checked <= peer.failTimeoutMs;
}

/**
 * Whether `peer` may take this attempt: not already tried for this request,
 * not down, weight above 0 (the lab's "no new requests"), and not failed.
 */
export function isUsable(peer: Peer, tried: ReadonlySet<Peer> | null, now: number): boolean {
  if (tried?.has(peer)) return false;
  if (peer.down || peer.weight <= 0) return false;
  return !isFailed(peer, now);
}
