import { methodOf } from './methods';
import type { BalancerAlgorithm, Peer } from './types';

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
 * How far `peer`'s slow start has come at `now`, from 0 to 1, or null when it
 * is not ramping (off, never recovered, finished, or a method slow start does
 * not apply to: a method whose `slowStart` trait is false). For the snapshot; selection uses {@link slowStartWeight}.
 */
export function slowStartProgress(peer: Peer, algorithm: BalancerAlgorithm, now: number): number | null {
  if (!methodOf(algorithm).traits.slowStart || peer.slowStartMs <= 0 || peer.slowStartAt === null) return null;
  const elapsed = now - peer.slowStartAt;
  if (elapsed >= peer.slowStartMs) return null;
  return Math.max(0, elapsed) / peer.slowStartMs;
}
