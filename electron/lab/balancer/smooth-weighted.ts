import type { Peer } from './types';

/**
 * One step of nginx's smooth weighted round-robin (ngx_http_upstream_get_peer
 * in ngx_http_upstream_round_robin.c) over peers that are all usable, in
 * config order. Every candidate's `currentWeight` grows by its
 * `effectiveWeight`, and an `effectiveWeight` lowered by failures climbs back
 * by one; the highest `currentWeight` wins, the first listed on a tie (nginx
 * only replaces its choice on a strict `>`), and pays back the total.
 *
 * @param weightOf the weight `effectiveWeight` recovers towards.
 * @returns the winner, or null when there are no candidates.
 */
export function smoothWeightedPick(candidates: readonly Peer[], weightOf: (peer: Peer) => number): Peer | null {
  let best: Peer | null = null;
  let total = 0;

  for (const peer of candidates) {
    peer.currentWeight += peer.effectiveWeight;
    total += peer.effectiveWeight;
    if (peer.effectiveWeight < weightOf(peer)) peer.effectiveWeight++;
    if (best === null || peer.currentWeight > best.currentWeight) best = peer;
  }

  if (best !== null) best.currentWeight -= total;
  return best;
}
