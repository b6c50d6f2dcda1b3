import type { Peer } from './types';

/**
 * The weight a peer in slow start may use (nginx Plus `slow_start`, HAProxy
 * `slowstart`): `weight` once `slowStartMs` has passed since `recovered`,
 * before that `max(1, ceil(weight * elapsed / slowStartMs))`. The ramp is
 * linear from the smallest weight that still takes traffic (1, never 0, so a
 * lone recovered peer is not starved) up to the full weight; a weight of 0
 * stays 0.
 */
export function slowStartWeight(peer: Peer, weight: number, now: number): number {
  if (peer.slowStartMs <= 0 || peer.slowStartAt === null || weight <= 0) return weight;
  const elapsed = now - peer.slowStartAt;
  if (elapsed >= peer.slowStartMs) return weight;
  return Math.min(weight, Math.max(1, Math.ceil((weight * Math.max(0, elapsed)) / peer.slowStartMs)));
}

/**
 * Hold each candidate's effective weight at or below its current cap. A
 * peer that recovers keeps the effective weight it had, which can be its
 * full weight; without this the cap would only stop it from climbing.
 */
export function capEffectiveWeights(candidates: readonly Peer[], weightOf: (peer: Peer) => number): void {
  for (const peer of candidates) {
    const cap = weightOf(peer);
    if (peer.effectiveWeight > cap) peer.effectiveWeight = cap;
  }
}
