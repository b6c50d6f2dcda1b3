import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { smoothWeightedPick } from '../../../electron/lab/balancer/smooth-weighted';
import type { Peer } from '../../../electron/lab/balancer/types';
import { server } from './peers';

function peersWithWeights(...weights: number[]): Peer[] {
  return [...createBalancer('weighted', weights.map((w, i) => server(42001 + i, w))).peers];
}

const byWeight = (peer: Peer): number => peer.weight;

describe('smoothWeightedPick', () => {
  it('spreads weights 5,1,1 as A A B A C A A and comes back to the all-zero state', () => {
    const peers = peersWithWeights(5, 1, 1);
    const picks = Array.from({ length: 7 }, () => smoothWeightedPick(peers, byWeight)?.id);

    expect(picks).toEqual([42001, 42001, 42002, 42001, 42003, 42001, 42001]);
    expect(peers.map((p) => p.currentWeight)).toEqual([0, 0, 0]);
  });

  it('gives a tie to the peer listed first', () => {
    const peers = peersWithWeights(2, 2);

    expect(smoothWeightedPick(peers, byWeight)?.id).toBe(42001);
    expect(smoothWeightedPick(peers, byWeight)?.id).toBe(42002);
  });

  it('subtracts the total of the effective weights from the winner only', () => {
    const peers = peersWithWeights(3, 5, 2);
    smoothWeightedPick(peers, byWeight);

    expect(peers.map((p) => p.currentWeight)).toEqual([3, 5 - 10, 2]);
  });

  it('raises a lowered effective weight by one per step, up to the weight', () => {
    const peers = peersWithWeights(3, 1);
    const [heavy] = peers as [Peer, Peer];
    heavy.effectiveWeight = 0;

    const seen = Array.from({ length: 5 }, () => {
      smoothWeightedPick(peers, byWeight);
      return heavy.effectiveWeight;
    });
    expect(seen).toEqual([1, 2, 3, 3, 3]);
  });

  it('returns null when there are no candidates', () => {
    expect(smoothWeightedPick([], byWeight)).toBeNull();
  });
});
