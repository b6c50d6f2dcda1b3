import type { BackendSnapshot } from '../../../electron/shared/types';

/** One port's slice of the traffic: what it got, and what its weight asks for. */
export interface TrafficShare {
  port: number;
  weight: number;
  /** hits / all hits, 0..1; null before any request arrived. */
  observed: number | null;
  /** Its share of the last 10 s (hits10s / all hits10s), 0..1; null when none arrived in that time. */
  recent: number | null;
  /** Its selection weight / the sum over the backends that take new requests, 0..1; 0 when it takes none. */
  expected: number;
  /** Whether it could take new requests: in rotation (a backup: standing by counts), not down, draining, disabled by max_fails or failing its health check. */
  inRotation: boolean;
  /** A backup that could serve, standing by because a primary is in rotation (expected 0). */
  standby: boolean;
}

type ShareFields = Pick<BackendSnapshot, 'port' | 'weight' | 'hits' | 'hits10s' | 'couldServe' | 'standby' | 'expectedShare'>;

/**
 * Observed against expected share per port. The expected share and
 * whether it could serve come from the lab's snapshot, which applies the
 * balancer's own rules; only the observed share is counted here.
 */
export function computeTrafficShares(backends: readonly ShareFields[]): TrafficShare[] {
  const totalHits = backends.reduce((sum, b) => sum + b.hits, 0);
  const recentHits = backends.reduce((sum, b) => sum + b.hits10s, 0);
  return backends.map((b) => ({
    port: b.port,
    weight: b.weight,
    observed: totalHits > 0 ? b.hits / totalHits : null,
    recent: recentHits > 0 ? b.hits10s / recentHits : null,
    expected: b.expectedShare,
    inRotation: b.couldServe,
    standby: b.standby,
  }));
}

const close = (x: number | null, y: number | null): boolean => (x === null || y === null ? x === y : Math.abs(x - y) < 0.0005);

/** Equal as the distribution view shows them: the same ports and weights, and every share (the last 10 s too) the same to a tenth of a percent. */
export function sameTrafficShares(a: readonly TrafficShare[], b: readonly TrafficShare[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => sameTrafficShare(s, b[i]!) && close(s.recent, b[i]!.recent));
}

/** One port's share, equal as its row shows it (the row has no last-10 s share, so that is not compared). */
export function sameTrafficShare(s: TrafficShare, t: TrafficShare): boolean {
  return s.port === t.port && s.weight === t.weight && s.inRotation === t.inRotation && s.standby === t.standby && close(s.observed, t.observed) && close(s.expected, t.expected);
}
