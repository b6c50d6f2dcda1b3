import { selectionWeight } from '../../../electron/shared/selection-weight';
import type { Algorithm, BackendSnapshot } from '../../../electron/shared/types';

/** One port's slice of the traffic: what it got, and what its weight asks for. */
export interface TrafficShare {
  port: number;
  weight: number;
  /** hits / all hits, 0..1; null before any request arrived. */
  observed: number | null;
  /** Its selection weight / the sum over backends in rotation, 0..1; 0 when out of rotation. */
  expected: number;
  inRotation: boolean;
}

/**
 * Observed against expected share per port. Expected uses the weight the
 * balancer selects with (round-robin counts every weight above 0 as 1), over
 * the backends currently in rotation only.
 */
export function computeTrafficShares(backends: readonly BackendSnapshot[], algorithm: Algorithm): TrafficShare[] {
  const totalHits = backends.reduce((sum, b) => sum + b.hits, 0);
  const weightOf = (b: BackendSnapshot): number => (b.inRotation ? selectionWeight(algorithm, b.weight) : 0);
  const totalWeight = backends.reduce((sum, b) => sum + weightOf(b), 0);
  return backends.map((b) => ({
    port: b.port,
    weight: b.weight,
    observed: totalHits > 0 ? b.hits / totalHits : null,
    expected: totalWeight > 0 ? weightOf(b) / totalWeight : 0,
    inRotation: b.inRotation,
  }));
}

/** Equal as shown: the same ports and weights, and every share the same to a tenth of a percent. */
export function sameTrafficShares(a: readonly TrafficShare[], b: readonly TrafficShare[]): boolean {
  if (a.length !== b.length) return false;
  const close = (x: number | null, y: number | null): boolean => (x === null || y === null ? x === y : Math.abs(x - y) < 0.0005);
  return a.every((s, i) => {
    const t = b[i]!;
    return s.port === t.port && s.weight === t.weight && s.inRotation === t.inRotation && close(s.observed, t.observed) && close(s.expected, t.expected);
  });
}
