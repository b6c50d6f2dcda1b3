import type { Peer } from './types';

/**
 * Hold each candidate's effective weight at or below its current cap (slow
 * start's ramped weight). A peer that recovers keeps the effective weight it
 * had, which can be its full weight; without this the cap would only stop it
 * from climbing.
 */
export function capEffectiveWeights(candidates: readonly Peer[], weightOf: (peer: Peer) => number): void {
  for (const peer of candidates) {
    const cap = weightOf(peer);
    if (peer.effectiveWeight > cap) peer.effectiveWeight = cap;
  }
}
