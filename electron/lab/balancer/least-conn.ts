import { lowestScorePick } from './lowest-score';
import type { Peer } from './types';

/**
 * nginx's least_conn over peers that are all usable, in config order: the
 * lowest `conns / weight` wins, compared by cross-multiplying so no
 * fractions are involved; ties go round-robin among the tied peers (see
 * {@link lowestScorePick}).
 *
 * @param weightOf the weight each peer's connections are divided by (> 0).
 * @returns the winner, or null when there are no candidates.
 */
export function leastConnPick(candidates: readonly Peer[], weightOf: (peer: Peer) => number): Peer | null {
  return lowestScorePick(candidates, (a, b) => a.conns * weightOf(b) - b.conns * weightOf(a), weightOf);
}
