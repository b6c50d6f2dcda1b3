import { selectionWeight } from '../../../electron/shared/selection-weight';
import type { Algorithm, BackendSnapshot } from '../../../electron/shared/types';

/** One port's slice of the traffic: what it got, and what its weight asks for. */
export interface TrafficShare {
  port: number;
  weight: number;
  /** hits / all hits, 0..1; null before any request arrived. */
  observed: number | null;
  /** Its selection weight / the sum over the backends that take new requests, 0..1; 0 when it takes none. */
  expected: number;
  /** Whether it could take new requests: in rotation (a backup: standing by counts), not down, draining, disabled by max_fails or failing its health check. */
  inRotation: boolean;
  /** A backup that could serve, standing by because a primary is in rotation (expected 0). */
  standby: boolean;
}

type ShareFields = Pick<BackendSnapshot, 'port' | 'status' | 'weight' | 'hits' | 'inRotation' | 'backup' | 'down' | 'drain' | 'failed' | 'health' | 'slowStartProgress'>;

/**
 * Whether the balancer could give `b` a new request: in rotation (for a
 * backup, which the lab counts in rotation only while no primary can serve,
 * its process up), and not down, draining, disabled by max_fails or failing
 * its health check.
 */
export function couldServe(b: ShareFields): boolean {
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
 * Observed against expected share per port. Expected uses the weight the
 * balancer selects with (round-robin counts every weight above 0 as 1, a
 * slow start ramps it), over the backends that take new requests only;
 * backups (nginx `backup`) expect nothing while any primary takes requests,
 * and share the traffic by weight when none does.
 */
export function computeTrafficShares(backends: readonly ShareFields[], algorithm: Algorithm): TrafficShare[] {
  const totalHits = backends.reduce((sum, b) => sum + b.hits, 0);
  const weightOf = (b: ShareFields): number => (couldServe(b) ? rampedWeight(selectionWeight(algorithm, b.weight), b.slowStartProgress) : 0);
  const primaryWeight = backends.reduce((sum, b) => sum + (b.backup ? 0 : weightOf(b)), 0);
  const servingWeight = (b: ShareFields): number => (b.backup && primaryWeight > 0 ? 0 : weightOf(b));
  const totalWeight = backends.reduce((sum, b) => sum + servingWeight(b), 0);
  return backends.map((b) => ({
    port: b.port,
    weight: b.weight,
    observed: totalHits > 0 ? b.hits / totalHits : null,
    expected: totalWeight > 0 ? servingWeight(b) / totalWeight : 0,
    inRotation: couldServe(b),
    standby: b.backup && primaryWeight > 0 && weightOf(b) > 0,
  }));
}

/** Equal as shown: the same ports and weights, and every share the same to a tenth of a percent. */
export function sameTrafficShares(a: readonly TrafficShare[], b: readonly TrafficShare[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => sameTrafficShare(s, b[i]!));
}

const close = (x: number | null, y: number | null): boolean => (x === null || y === null ? x === y : Math.abs(x - y) < 0.0005);

/** One port's share, equal as shown. */
export function sameTrafficShare(s: TrafficShare, t: TrafficShare): boolean {
  return s.port === t.port && s.weight === t.weight && s.inRotation === t.inRotation && s.standby === t.standby && close(s.observed, t.observed) && close(s.expected, t.expected);
}
