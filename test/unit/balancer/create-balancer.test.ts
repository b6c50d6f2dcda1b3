import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Balancer, Peer } from '../../../electron/lab/balancer/types';
import { mustPick, peerOf, serve, server, serveMany } from './peers';

const TIMEOUT = 10_000;

function counts(ids: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const id of ids) out[id] = (out[id] ?? 0) + 1;
  return out;
}

describe('createBalancer: selection', () => {
  it('sends 1000 requests over weights 3:5:2 as exactly 300/500/200', () => {
    const balancer = createBalancer('weighted', [server(4000, 3), server(4001, 5), server(4002, 2)]);

    expect(counts(serveMany(balancer, 1000))).toEqual({ 4000: 300, 4001: 500, 4002: 200 });
  });

  it('takes every weight as 1 for round-robin', () => {
    const balancer = createBalancer('round-robin', [server(42001, 5), server(42002, 1), server(42003, 3)]);

    expect(serveMany(balancer, 6)).toEqual([42001, 42002, 42003, 42001, 42002, 42003]);
    expect(balancer.peers.map((p) => p.effectiveWeight)).toEqual([1, 1, 1]);
  });

  it.each(['round-robin', 'weighted', 'least-conn'] as const)('never picks a weight 0 peer (%s)', (algorithm) => {
    const balancer = createBalancer(algorithm, [server(42001, 0), server(42002, 2), server(42003, 1)]);

    expect(serveMany(balancer, 30)).not.toContain(42001);
  });

  it('never picks a down peer', () => {
    const balancer = createBalancer('weighted', [server(42001, 5), server(42002), server(42003)]);
    peerOf(balancer, 42001).down = true;

    expect(serveMany(balancer, 30)).not.toContain(42001);
  });

  it('returns null when every peer is down', () => {
    const balancer = createBalancer('weighted', [server(42001), server(42002)]);
    for (const peer of balancer.peers) peer.down = true;

    expect(balancer.pick(null, 1_000)).toBeNull();
  });

  it('skips peers already tried for this request, and returns null once all were tried', () => {
    const balancer = createBalancer('weighted', [server(42001), server(42002)]);
    const tried = new Set<Peer>([mustPick(balancer, 1_000)]);
    const retry = mustPick(balancer, 1_000, tried);
    tried.add(retry);

    expect([...tried].map((p) => p.id)).toEqual([42001, 42002]);
    expect(balancer.pick(tried, 1_000)).toBeNull();
  });

  it('counts a picked request as a connection until it is reported, never going below zero', () => {
    const balancer = createBalancer('weighted', [server(42001), server(42002)]);
    const peer = mustPick(balancer, 1_000);
    expect(peer.conns).toBe(1);

    balancer.report(peer, true, 1_001);
    balancer.report(peer, false, 1_002);
    expect(peer.conns).toBe(0);
  });
});

describe('createBalancer: max_fails and fail_timeout', () => {
  /** Weights 10,1,1 where the heavy 42001 failed at t=1000 (max_fails=1). */
  function withFailedPeer(): { balancer: Balancer; failed: Peer } {
    const balancer = createBalancer('weighted', [server(42001, 10), server(42002), server(42003)]);
    const failed = mustPick(balancer, 1_000);
    balancer.report(failed, false, 1_000);
    expect(failed.id).toBe(42001);
    return { balancer, failed };
  }

  it('takes a failed peer out for fail_timeout and cuts its effective weight by weight/max_fails', () => {
    const { balancer, failed } = withFailedPeer();

    expect([failed.fails, failed.effectiveWeight]).toEqual([1, 0]);
    for (let now = 1_000; now <= 1_000 + TIMEOUT; now += 250) {
      expect(serve(balancer, now)).not.toBe(failed);
    }
    expect(failed.effectiveWeight).toBe(0);
  });

  it('lowers the effective weight per failure and keeps the peer until max_fails is reached', () => {
    const balancer = createBalancer('weighted', [server(42001, 5, 2), server(42002)]);
    const peer = mustPick(balancer, 1_000);
    balancer.report(peer, false, 1_000);

    expect([peer.fails, peer.effectiveWeight]).toEqual([1, 3]);
    // Still usable: this pick raises its effective weight 3 -> 4 before the next failure takes 2.
    expect(balancer.pick(null, 1_001)).toBe(peer);
    balancer.report(peer, false, 1_001);
    expect([peer.fails, peer.effectiveWeight]).toEqual([2, 2]);
    expect(serveMany(balancer, 5, 1_002)).not.toContain(42001);
  });

  it('resets fails only on a success that follows a probe, not on any success', () => {
    const balancer = createBalancer('weighted', [server(42001, 1, 2), server(42002)]);
    const peer = mustPick(balancer, 1_000);
    balancer.report(peer, false, 1_000);
    serve(balancer, 1_001);
    const again = mustPick(balancer, 1_002);
    balancer.report(again, true, 1_002);

    expect(again).toBe(peer);
    expect(peer.fails).toBe(1);
  });

  it('sends exactly one probe after fail_timeout, skipping the peer in other picks until the probe is reported', () => {
    const { balancer, failed } = withFailedPeer();
    let now = 1_000 + TIMEOUT + 1;
    let probe: Peer | null = null;
    for (let i = 0; i < 20 && probe === null; i++, now++) {
      const peer = mustPick(balancer, now);
      if (peer === failed) probe = peer;
      else balancer.report(peer, true, now);
    }
    expect(probe).toBe(failed);
    expect(failed.checked).toBe(now - 1);

    const weightDuringProbe = failed.effectiveWeight;
    for (let i = 0; i < 20; i++, now++) expect(serve(balancer, now)).not.toBe(failed);
    expect(failed.effectiveWeight).toBe(weightDuringProbe);
  });

  it('brings the peer back on a successful probe, its effective weight climbing by one per pick', () => {
    const { balancer, failed } = withFailedPeer();
    let now = 1_000 + TIMEOUT + 1;
    const climb: number[] = [];
    for (;;) {
      const peer = mustPick(balancer, now++);
      climb.push(failed.effectiveWeight);
      if (peer === failed) break;
      balancer.report(peer, true, now);
    }
    balancer.report(failed, true, now);
    expect(failed.fails).toBe(0);

    while (failed.effectiveWeight < failed.weight) {
      serve(balancer, now++);
      climb.push(failed.effectiveWeight);
    }
    serve(balancer, now++);
    climb.push(failed.effectiveWeight);

    expect(climb).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
  });

  it('keeps the peer out for another fail_timeout when the probe fails', () => {
    const { balancer, failed } = withFailedPeer();
    let now = 1_000 + TIMEOUT + 1;
    for (let peer = mustPick(balancer, now); peer !== failed; peer = mustPick(balancer, ++now)) {
      balancer.report(peer, true, now);
    }
    balancer.report(failed, false, now);
    const failedAt = now;

    expect([failed.fails, failed.effectiveWeight]).toEqual([2, 0]);
    for (now = failedAt; now <= failedAt + TIMEOUT; now += 500) expect(serve(balancer, now)).not.toBe(failed);
  });
});

describe('createBalancer: a single peer (nginx "single")', () => {
  it('keeps sending to a lone peer after failures, doing no failure accounting', () => {
    const balancer = createBalancer('weighted', [server(42001, 3)]);
    const peer = mustPick(balancer, 1_000);
    balancer.report(peer, false, 1_000);

    expect([peer.fails, peer.effectiveWeight, peer.conns]).toEqual([0, 3, 0]);
    expect(balancer.pick(null, 1_001)).toBe(peer);
  });

  it('does not retry a lone peer within the same request', () => {
    const balancer = createBalancer('least-conn', [server(42001)]);
    const peer = mustPick(balancer, 1_000);

    expect(balancer.pick(new Set([peer]), 1_000)).toBeNull();
  });

  it('gives nothing to a lone peer that is down or has weight 0', () => {
    const down = createBalancer('weighted', [server(42001)]);
    peerOf(down, 42001).down = true;

    expect(down.pick(null, 1_000)).toBeNull();
    expect(createBalancer('round-robin', [server(42001, 0)]).pick(null, 1_000)).toBeNull();
  });

  it('returns null when no peer is configured', () => {
    expect(createBalancer('weighted', []).pick(null, 1_000)).toBeNull();
  });
});

describe('createBalancer: configure', () => {
  it('restarts the sequence and failure state like an nginx reload', () => {
    const configs = [server(42001, 5), server(42002), server(42003)];
    const balancer = createBalancer('weighted', configs);
    serveMany(balancer, 3);
    const failed = mustPick(balancer, 1_000);
    balancer.report(failed, false, 1_000);

    balancer.configure('weighted', configs);

    expect(balancer.peers.map((p) => [p.currentWeight, p.effectiveWeight, p.fails, p.checked, p.accessed])).toEqual([
      [0, 5, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 1, 0, 0, 0],
    ]);
    expect(serveMany(balancer, 7, 1_001)).toEqual([42001, 42001, 42002, 42001, 42003, 42001, 42001]);
  });

  it('keeps the Peer objects of peers that stay, with their conns and down', () => {
    const balancer = createBalancer('weighted', [server(42001), server(42002), server(42003)]);
    const inFlight = mustPick(balancer, 1_000);
    const stopped = peerOf(balancer, 42003);
    stopped.down = true;

    balancer.configure('least-conn', [server(42003, 2), server(42001, 4)]);

    expect(balancer.algorithm).toBe('least-conn');
    expect(balancer.peers).toEqual([stopped, inFlight]);
    expect(balancer.peers[0]).toBe(stopped);
    expect(balancer.peers[1]).toBe(inFlight);
    expect([inFlight.conns, inFlight.weight, inFlight.effectiveWeight]).toEqual([1, 4, 4]);
    expect([stopped.down, stopped.weight]).toEqual([true, 2]);
  });

  it('adds new peers up and drops removed ones, whose late reports change nothing else', () => {
    const balancer = createBalancer('weighted', [server(42001), server(42002)]);
    const removed = mustPick(balancer, 1_000);

    balancer.configure('weighted', [server(42002), server(42004)]);
    balancer.report(removed, false, 1_001);

    expect(balancer.peers.map((p) => [p.id, p.down, p.conns])).toEqual([
      [42002, false, 0],
      [42004, false, 0],
    ]);
    expect(removed.conns).toBe(0);
    expect(serveMany(balancer, 4, 1_002)).toEqual([42002, 42004, 42002, 42004]);
  });

  it('balances with every weight as 1 after switching to round-robin', () => {
    const balancer = createBalancer('weighted', [server(42001, 5), server(42002, 1)]);

    balancer.configure('round-robin', [server(42001, 5), server(42002, 1)]);

    expect(balancer.peers.map((p) => [p.weight, p.effectiveWeight])).toEqual([
      [5, 1],
      [1, 1],
    ]);
    expect(serveMany(balancer, 4)).toEqual([42001, 42002, 42001, 42002]);
  });

  it('rejects two peers with the same id', () => {
    expect(() => createBalancer('weighted', [server(42001), server(42001)])).toThrow(/duplicate peer id 42001/);
  });
});

describe('revive', () => {
  it('puts a failed peer straight back in rotation once the lab sees its process up again', () => {
    const balancer = createBalancer('round-robin', [
      { id: 1, weight: 1, maxFails: 1, failTimeoutMs: 10_000 },
      { id: 2, weight: 1, maxFails: 1, failTimeoutMs: 10_000 },
    ]);
    const first = balancer.pick(null, 0)!;
    balancer.report(first, false, 0);
    expect(balancer.pick(null, 1)!.id).not.toBe(first.id);
    balancer.revive(first);
    const picks = [balancer.pick(null, 2)!, balancer.pick(null, 3)!, balancer.pick(null, 4)!].map((p) => p.id);
    expect(picks).toContain(first.id);
  });
});
