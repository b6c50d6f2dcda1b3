import { pickWithBackup } from '../backup';
import { capEffectiveWeights } from '../cap-effective-weights';
import type { Peer } from '../types';
import type { Picker } from './method';

/**
 * The picker of nginx's round-robin family (round_robin, least_conn and the
 * lab's least-time): primaries while one is usable, then the backups, with
 * slow start capping each candidate's effective weight first.
 *
 * @param choose the method's choice among usable candidates of one list, in config order.
 */
export function roundRobinFamily(choose: (candidates: readonly Peer[], weightOf: (peer: Peer) => number) => Peer | null): () => Picker {
  return () =>
    ({ peers, tried, usable, weightOf }) =>
      pickWithBackup(peers, tried, (list) => {
        const candidates = list.filter(usable);
        capEffectiveWeights(candidates, weightOf);
        return choose(candidates, weightOf);
      });
}
