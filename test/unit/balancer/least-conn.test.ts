import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { leastConnPick } from '../../../electron/lab/balancer/least-conn';
import type { Peer } from '../../../electron/lab/balancer/types';
import { mustPick, peerOf, server, serveMany } from './peers';

function peers(...spec: Array<[weight: number, conns: number]>): Peer[] {
  const list = [...createBalancer('least-conn', spec.map(([w], i) => server(42001 + i, w))).peers];
  list.forEach((peer, i) => (peer.conns = spec[i]?.[1] ?? 0));
  return list;
}

const byWeight = (peer: Peer): number => peer.weight;

describe('leastConnPick', () => {
  it('picks the peer with the fewest active connections', () => {
    expect(leastConnPick(peers([1, 3], [1, 1], [1, 2]), byWeight)?.id).toBe(42002);
  });

  it('divides connections by weight: 2 conns on weight 3 beat 1 conn on weight 1', () => {
    expect(leastConnPick(peers([1, 1], [3, 2]), byWeight)?.id).toBe(42002);
  });

  it('leaves every weight untouched when one peer alone has the fewest', () => {
    const list = peers([2, 1], [5, 0], [1, 3]);
    const before = list.map((p) => [p.currentWeight, p.effectiveWeight]);

    expect(leastConnPick(list, byWeight)?.id).toBe(42002);
    expect(list.map((p) => [p.currentWeight, p.effectiveWeight])).toEqual(before);
  });

  it('breaks a tie with smooth weighted round-robin among the tied peers only', () => {
    const list = peers([1, 4], [1, 0], [1, 0]);
    const [busy] = list as [Peer, Peer, Peer];

    const picks = Array.from({ length: 4 }, () => leastConnPick(list, byWeight)?.id);

    expect(picks).toEqual([42002, 42003, 42002, 42003]);
    expect(busy.currentWeight).toBe(0);
  });

  it('returns null when there are no candidates', () => {
    expect(leastConnPick([], byWeight)).toBeNull();
  });
});

describe("createBalancer('least-conn')", () => {
  it('sends a new request to the peer with fewer requests in flight', () => {
    const balancer = createBalancer('least-conn', [server(42001), server(42002), server(42003)]);
    const first = mustPick(balancer, 1_000);
    const second = mustPick(balancer, 1_000);
    balancer.report(first, true, 1_001);

    expect([first.id, second.id]).toEqual([42001, 42002]);
    // 42001 is idle again and 42003 always was: the tie goes round-robin.
    expect(mustPick(balancer, 1_002).id).toBe(42003);
    expect(mustPick(balancer, 1_003).id).toBe(42001);
  });

  it('alternates sequential requests round-robin when every peer is idle', () => {
    const balancer = createBalancer('least-conn', [server(42001), server(42002), server(42003)]);

    expect(serveMany(balancer, 6)).toEqual([42001, 42002, 42003, 42001, 42002, 42003]);
  });

  it('skips tried, down, weight 0 and failed peers', () => {
    const balancer = createBalancer('least-conn', [server(42001), server(42002), server(42003), server(42004, 0)]);
    peerOf(balancer, 42002).down = true;
    const failed = mustPick(balancer, 1_000);
    balancer.report(failed, false, 1_000);

    expect(failed.id).toBe(42001);
    expect(mustPick(balancer, 1_001).id).toBe(42003);
    expect(balancer.pick(new Set([peerOf(balancer, 42003)]), 1_002)).toBeNull();
  });
});
