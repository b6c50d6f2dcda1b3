import { describe, expect, it } from 'vitest';
import { acceptsSticky } from '../../../electron/lab/balancer/accepts-sticky';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { peerOf, server } from './peers';

describe('acceptsSticky', () => {
  it('lets a pinned client reach a draining or weight-0 peer, but not a down, failed or full one', () => {
    const balancer = createBalancer('weighted', [server(1), server(2, 0), server(3), { ...server(4), maxConns: 1 }, server(5), server(6)]);
    const [draining, zero, down, full, failed] = [1, 2, 3, 4, 5].map((id) => peerOf(balancer, id));
    draining!.drain = true;
    down!.down = true;
    balancer.take(full!);
    balancer.report(failed!, false, 0);
    expect([draining, zero, down, full, failed].map((peer) => acceptsSticky(peer!, 0))).toEqual([true, true, false, false, false]);
  });
});

describe('take', () => {
  it('counts a request the balancer did not pick, and report ends it', () => {
    const balancer = createBalancer('least-conn', [server(1), server(2)]);
    const peer = peerOf(balancer, 2);
    balancer.take(peer);
    expect(peer.conns).toBe(1);
    // least_conn now sees the sticky request: the next new request goes to the other peer.
    expect(balancer.pick(null, 0)?.id).toBe(1);
    balancer.report(peer, true, 0);
    expect(peer.conns).toBe(0);
  });
});
