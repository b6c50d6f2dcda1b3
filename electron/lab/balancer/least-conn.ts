import { smoothWeightedPick } from './smooth-weighted';
import type { Peer } from './types';

/**
 * nginx's least_conn (ngx_http_upstream_least_conn_module.c) over peers that
 * are all usable, in config order: the lowest `conns / weight` wins, compared
 * by cross-multiplying so no fractions are involved. When several peers share
 * that lowest ratio, smooth weighted round-robin runs among those peers only;
 * a lone winner is taken without touching any weights, as nginx does.
 *
 * @param weightOf the weight each peer's connections are divided by (> 0).
 * @returns the winner, or null when there are no candidates.
 */
export function leastConnPick(candidates: readonly Peer[], weightOf: (peer: Peer) => number): Peer | null {
  let best: Peer | null = null;
  for (const peer of candidates) {
    if (best === null || peer.conns * weightOf(best) < best.conns * weightOf(peer)) best = peer;
  }
  if (best === null) return null;

  const least = best;
  const tied = candidates.filter((peer) => peer.conns * weightOf(least) === least.conns * weightOf(peer));
  return tied.length > 1 ? smoothWeightedPick(tied, weightOf) : least;
}
