import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { slowStartWeight } from '../../../electron/lab/balancer/slow-start';
import type { Balancer } from '../../../electron/lab/balancer/types';
import { counts, peerOf, serve, server } from './peers';

const RAMP = 10_000;

/** Weights 4 and 4 where 42001 has a 10 s slow start and came back up at t=0. */
function recoveredAtZero(algorithm: 'weighted' | 'least-conn' = 'weighted'): Balancer {
  const balancer = createBalancer(algorithm, [{ ...server(42001, 4), slowStartMs: RAMP }, server(42002, 4)]);
  balancer.recovered(peerOf(balancer, 42001), 0);
  return balancer;
}

/** 42001's share of `count` sequential requests at time `now`. */
function shareAt(balancer: Balancer, now: number, count = 840): number {
  const ids = Array.from({ length: count }, () => serve(balancer, now).id);
  return (counts(ids)[42001] ?? 0) / count;
}

describe('slowStartWeight', () => {
  it('ramps as max(1, ceil(weight * elapsed / slowStartMs)) and is the full weight from slowStartMs on', () => {
    const peer = peerOf(recoveredAtZero(), 42001);
    const weights = [0, 1, 2_500, 5_000, 9_999, 10_000, 60_000].map((now) => slowStartWeight(peer, 10, now));

    expect(weights).toEqual([1, 1, 3, 5, 10, 10, 10]);
  });

  it('leaves the weight alone without a slow start, and keeps a weight of 0 at 0', () => {
    const balancer = createBalancer('weighted', [server(42001, 5), { ...server(42002, 0), slowStartMs: RAMP }]);
    balancer.recovered(peerOf(balancer, 42002), 0);

    expect(slowStartWeight(peerOf(balancer, 42001), 5, 0)).toBe(5);
    expect(slowStartWeight(peerOf(balancer, 42002), 0, 0)).toBe(0);
  });
});

describe('slow start', () => {
  it.each(['weighted', 'least-conn'] as const)('grows a recovered peer’s share of picks over time (%s)', (algorithm) => {
    const balancer = recoveredAtZero(algorithm);
    const shares = [0, 2_500, 5_000, 7_500, RAMP].map((now) => shareAt(balancer, now));

    expect(shares[0]).toBeCloseTo(1 / 5, 2);
    expect(shares.every((share, i) => i === 0 || share >= (shares[i - 1] ?? 0))).toBe(true);
    expect(shares.at(-1)).toBeCloseTo(1 / 2, 2);
  });

  it('forgets the peer’s failures as revive does', () => {
    const balancer = recoveredAtZero();
    const peer = peerOf(balancer, 42001);
    Object.assign(peer, { fails: 3, accessed: 50, checked: 50 });
    balancer.recovered(peer, 100);

    expect([peer.fails, peer.accessed, peer.checked, peer.slowStartAt]).toEqual([0, 0, 0, 100]);
  });

  it('does not start without slowStartMs', () => {
    const balancer = createBalancer('weighted', [server(42001, 4), server(42002, 4)]);
    balancer.recovered(peerOf(balancer, 42001), 0);

    expect(peerOf(balancer, 42001).slowStartAt).toBeNull();
    expect(shareAt(balancer, 0, 80)).toBe(0.5);
  });

  it('survives a reconfigure, which only changes weights', () => {
    const balancer = recoveredAtZero();
    balancer.configure('weighted', [{ ...server(42001, 4), slowStartMs: RAMP }, server(42002, 4)]);

    expect(shareAt(balancer, 0)).toBeCloseTo(1 / 5, 2);
  });
});
