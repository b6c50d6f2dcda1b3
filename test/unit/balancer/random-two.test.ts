import { describe, expect, it, vi } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Balancer, PeerConfig } from '../../../electron/lab/balancer/types';
import { seededRandom } from '../../support/seeded-random';
import { mustPick, peerOf, server } from './peers';

/** A random() that returns `values` in turn, then keeps returning the last one. */
function seeded(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
}

/** A random-two balancer over 42001.. with these in-flight counts and draws. */
function withLoad(conns: number[], draws: number[], configs?: PeerConfig[]): Balancer {
  const balancer = createBalancer('random-two', configs ?? conns.map((_c, i) => server(42001 + i)), { random: seeded(...draws) });
  balancer.peers.forEach((peer, i) => (peer.conns = conns[i] ?? 0));
  return balancer;
}

describe("createBalancer('random-two')", () => {
  it('prefers the less loaded of the two peers it draws', () => {
    // Draws of 3 equal weights: [0, 1/3) -> 42001, [1/3, 2/3) -> 42002, [2/3, 1) -> 42003.
    expect(mustPick(withLoad([5, 0, 3], [0.1, 0.5]), 1_000).id).toBe(42002);
    expect(mustPick(withLoad([5, 0, 3], [0.9, 0.1]), 1_000).id).toBe(42003);
  });

  it('never sets a peer against itself: a repeated draw is drawn again', () => {
    expect(mustPick(withLoad([0, 0, 4], [0.1, 0.2, 0.9]), 1_000).id).toBe(42001);
  });

  it('on equal load takes the second peer drawn, as nginx does', () => {
    expect(mustPick(withLoad([2, 2, 2], [0.9, 0.1]), 1_000).id).toBe(42001);
  });

  it('compares connections per weight: 2 in flight on weight 3 beat 1 on weight 1', () => {
    const balancer = withLoad([2, 1], [0.1, 0.9], [server(42001, 3), server(42002, 1)]);

    expect(mustPick(balancer, 1_000).id).toBe(42001);
  });

  it('draws by weight: with weights 3 and 1, a draw below 0.75 is the first peer', () => {
    const configs = [server(42001, 3), server(42002, 1)];
    // Equal load, so the second peer drawn wins and shows the order of the draws.
    expect(mustPick(withLoad([0, 0], [0.74, 0.9], configs), 1_000).id).toBe(42002);
    expect(mustPick(withLoad([0, 0], [0.75, 0.1], configs), 1_000).id).toBe(42001);
  });

  it('skips unusable and already tried peers', () => {
    const balancer = withLoad([0, 0, 0, 0], [0.3, 0.1, 0.6, 0.9]);
    peerOf(balancer, 42002).down = true;
    const tried = new Set([peerOf(balancer, 42001)]);

    expect(mustPick(balancer, 1_000, tried).id).toBe(42004);
  });

  it('answers through the round-robin fallback when only one peer is usable', () => {
    const balancer = withLoad([0, 0, 0], [0]);
    peerOf(balancer, 42001).down = true;
    peerOf(balancer, 42003).down = true;

    expect(mustPick(balancer, 1_000).id).toBe(42002);
    expect(mustPick(balancer, 1_001).id).toBe(42002);
  });

  it('draws with Math.random when no random is injected', () => {
    const random = vi.spyOn(Math, 'random');
    try {
      const balancer = createBalancer('random-two', [server(42001), server(42002)]);
      // Equal load: the second peer drawn wins, so the pick shows the order of Math.random's draws.
      random.mockReturnValueOnce(0.1).mockReturnValueOnce(0.9);
      expect(mustPick(balancer, 1_000).id).toBe(42002);
      random.mockReturnValueOnce(0.9).mockReturnValueOnce(0.1);
      expect(mustPick(balancer, 1_000).id).toBe(42001);
    } finally {
      random.mockRestore();
    }
  });

  it('takes the idle peer exactly when it is one of the two drawn: 2 picks in 3 among three equal peers', () => {
    const conns = [0, 4, 4];
    const probe = createBalancer('random-two', [server(42001), server(42002), server(42003)], { random: seededRandom(11) });
    const picks = 3_000;
    let idle = 0;
    for (let i = 0; i < picks; i++) {
      probe.peers.forEach((peer, j) => (peer.conns = conns[j] ?? 0));
      if (mustPick(probe, 1_000).id === 42001) idle++;
    }
    // Two different peers out of three leave 42001 out with probability 1/3.
    const expected = picks * (2 / 3);
    expect(Math.abs(idle - expected)).toBeLessThan(expected * 0.05);
  });
});
