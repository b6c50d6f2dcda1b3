import { selectionWeight } from '../shared/selection-weight';
import type { Algorithm, BackendSnapshot } from '../shared/types';

type ShareFields = Pick<BackendSnapshot, 'status' | 'weight' | 'inRotation' | 'backup' | 'down' | 'drain' | 'failed' | 'health' | 'slowStartProgress'>;

/** What the balancer's rules say of one backend's share of new requests. */
export interface ShareView {
  couldServe: boolean;
  standby: boolean;
  expectedShare: number;
}

/**
 * Whether the balancer could give `b` a new request: in rotation (for a
 * backup, which counts in rotation only while no primary can serve, its
 * process up), and not down, draining, disabled by max_fails or failing
 * its health check.
 */
function couldServe(b: ShareFields): boolean {
  const present = b.inRotation || (b.backup && b.status === 'up');
  return present && !b.down && !b.drain && !b.failed && b.health?.state !== 'failing';
}

/**
 * The weight during a slow start, as the balancer ramps it: from 1 (never 0,
 * so a lone recovered server is not starved) up to the full weight.
 */
export function rampedWeight(weight: number, progress: number | null): number {
  if (progress === null || weight <= 0) return weight;
  return Math.min(weight, Math.max(1, Math.ceil(weight * Math.min(1, Math.max(0, progress)))));
}

/**
 * Expected share per backend, in order. It uses the weight the balancer
 * selects with (round-robin counts every weight above 0 as 1, a slow start
 * ramps it) over the backends that take new requests only; backups
 * (nginx `backup`) expect nothing while any primary takes requests, and
 * share the traffic by weight when none does.
 */
export function expectedShares(backends: readonly ShareFields[], algorithm: Algorithm): ShareView[] {
  const weightOf = (b: ShareFields): number => (couldServe(b) ? rampedWeight(selectionWeight(algorithm, b.weight), b.slowStartProgress) : 0);
  const primaryWeight = backends.reduce((sum, b) => sum + (b.backup ? 0 : weightOf(b)), 0);
  const servingWeight = (b: ShareFields): number => (b.backup && primaryWeight > 0 ? 0 : weightOf(b));
  const totalWeight = backends.reduce((sum, b) => sum + servingWeight(b), 0);
  return backends.map((b) => ({
    couldServe: couldServe(b),
    standby: b.backup && primaryWeight > 0 && weightOf(b) > 0,
    expectedShare: totalWeight > 0 ? servingWeight(b) / totalWeight : 0,
  }));
}
