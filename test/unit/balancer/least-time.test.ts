import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { recordTtfb, TTFB_ALPHA } from '../../../electron/lab/balancer/least-time';
import type { Balancer } from '../../../electron/lab/balancer/types';
import { mustPick, peerOf, server, serveMany } from './peers';

/** A least-time balancer over 42001.. where each listed peer answered one request in that many ms. */
function measured(...ttfbMs: Array<number | null>): Balancer {
  const balancer = createBalancer('least-time', ttfbMs.map((_t, i) => server(42001 + i)));
  ttfbMs.forEach((ms, i) => {
    if (ms !== null) recordTtfb(peerOf(balancer, 42001 + i), ms);
  });
  return balancer;
}

describe('recordTtfb', () => {
  it('takes the first sample as is, then folds each new one in with weight 0.2', () => {
    const peer = peerOf(measured(null), 42001);
    recordTtfb(peer, 100);
    recordTtfb(peer, 200);

    expect(TTFB_ALPHA).toBe(0.2);
    expect(peer.ttfbAvgMs).toBeCloseTo(120);
  });

  it('ignores samples that are negative or not finite', () => {
    const peer = peerOf(measured(50), 42001);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) recordTtfb(peer, bad);

    expect(peer.ttfbAvgMs).toBe(50);
  });
});

describe("createBalancer('least-time')", () => {
  it('prefers the faster peer under equal load', () => {
    expect(serveMany(measured(100, 10), 5)).toEqual([42002, 42002, 42002, 42002, 42002]);
  });

  it('sends to the slower peer once the faster one has enough in flight: (conns + 1) * ttfb / weight', () => {
    const balancer = measured(100, 10);
    peerOf(balancer, 42002).conns = 10; // 11 * 10 = 110 > 1 * 100

    expect(mustPick(balancer, 1_000).id).toBe(42001);
  });

  it('divides by weight: twice the weight carries twice the time', () => {
    const balancer = createBalancer('least-time', [server(42001, 1), server(42002, 2)]);
    recordTtfb(peerOf(balancer, 42001), 50);
    recordTtfb(peerOf(balancer, 42002), 90);

    expect(mustPick(balancer, 1_000).id).toBe(42002);
  });

  it('scores an unmeasured peer like the best measured one, so it gets tried', () => {
    expect(serveMany(measured(100, 50, null), 2)).toEqual([42002, 42003]);
  });

  it('goes round-robin while nothing is measured', () => {
    expect(serveMany(measured(null, null, null), 6)).toEqual([42001, 42002, 42003, 42001, 42002, 42003]);
  });

  it('learns from the time to first byte passed to report', () => {
    const balancer = measured(null, null);
    const slow = mustPick(balancer, 1_000);
    balancer.report(slow, true, 1_300, 300);
    const fast = mustPick(balancer, 1_300);
    balancer.report(fast, true, 1_320, 20);

    expect([slow.id, fast.id, slow.ttfbAvgMs, fast.ttfbAvgMs]).toEqual([42001, 42002, 300, 20]);
    expect(serveMany(balancer, 3, 1_400)).toEqual([42002, 42002, 42002]);
  });
});
