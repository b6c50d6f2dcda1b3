import { smoothWeightedPick } from './smooth-weighted';
import type { Peer } from './types';

/**
 * The shape of nginx's least_conn (ngx_http_upstream_least_conn_module.c)
 * over peers that are all usable, in config order: the lowest score wins.
 * When several peers share that lowest score, smooth weighted round-robin
 * runs among those peers only; a lone winner is taken without touching any
 * weights, as nginx does.
 *
 * @param compare negative when `a` scores lower (better) than `b`, 0 on a tie.
 * @param weightOf the weight the tie-break round-robin uses.
 * @returns the winner, or null when there are no candidates.
 */
export function lowestScorePick(
  candidates: readonly Peer[],
  compare: (a: Peer, b: Peer) => number,
  weightOf: (peer: Peer) => number,
): Peer | null {
  let best: Peer | null = null;
  for (const peer of candidates) {
    if (best === null || compare(peer, best) < 0) best = peer;
  }
  if (best === null) return null;

  const least = best;
  const tied = candidates.filter((peer) => compare(peer, least) === 0);
  return tied.length > 1 ? smoothWeightedPick(tied, weightOf) : least;
}
