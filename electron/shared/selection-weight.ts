import type { Algorithm } from './types';

/**
 * The weight an algorithm balances with. `round-robin` is smooth weighted
 * round-robin with every weight taken as 1, but a configured 0 still means
 * "no new requests", so it stays 0. Shared so the dashboard's expected
 * share uses the balancer's own rule.
 */
export function selectionWeight(algorithm: Algorithm, weight: number): number {
  if (algorithm === 'round-robin') return weight > 0 ? 1 : 0;
  return weight;
}
