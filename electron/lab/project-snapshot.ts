import { backendSnapshot, round1, type BackendView } from './backend-snapshot';
import { expectedShares } from './expected-share';
import type { BackendSnapshot, ProxySnapshot, Snapshot } from '../shared/types';

/**
 * The snapshot, projected from what the lab's parts report at one moment:
 * a pure function, so reading a snapshot never changes the lab.
 */
export function projectSnapshot(at: number, proxy: ProxySnapshot, views: readonly BackendView[]): Snapshot {
  const rows = views.map(backendSnapshot);
  const shares = expectedShares(rows, proxy.algorithm);
  const backends: BackendSnapshot[] = rows.map((row, i) => ({ ...row, ...shares[i]! }));
  return { at, proxy: { ...proxy, rps: round1(proxy.rps) }, backends };
}
