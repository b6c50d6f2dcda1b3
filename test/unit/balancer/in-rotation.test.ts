import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { inRotation } from '../../../electron/lab/balancer/in-rotation';
import { peerOf, serve, server } from './peers';

describe('inRotation', () => {
  it('is false exactly when the balancer would not pick the peer for a new request', () => {
    const balancer = createBalancer('weighted', [server(1), server(2), server(3, 0), server(4), server(5)]);
    const [up, down, zero, draining, failed] = [1, 2, 3, 4, 5].map((id) => peerOf(balancer, id));
    down!.down = true;
    draining!.drain = true;
    balancer.report(failed!, false, 100);

    // Enough new requests for every peer that can be picked to be picked.
    const pickedAt = (now: number): Set<number> => new Set(Array.from({ length: 20 }, () => serve(balancer, now).id));
    const before = pickedAt(100);
    expect([up, down, zero, draining, failed].map((peer) => inRotation(peer!, balancer.peers, 100))).toEqual([true, false, false, false, false]);
    expect(balancer.peers.map((peer) => inRotation(peer, balancer.peers, 100))).toEqual(balancer.peers.map((peer) => before.has(peer.id)));
    // After fail_timeout the failed peer may take its probe request again.
    expect(inRotation(failed!, balancer.peers, 100 + 10_001)).toBe(true);
    expect(pickedAt(100 + 10_001).has(failed!.id)).toBe(true);
  });

  it('counts a backup only while no primary could take the request', () => {
    const balancer = createBalancer('round-robin', [server(1), { ...server(2), backup: true }]);
    const [primary, backup] = [peerOf(balancer, 1), peerOf(balancer, 2)];
    expect(inRotation(backup, balancer.peers, 0)).toBe(false);
    expect(serve(balancer, 0).id).toBe(primary.id);
    primary.down = true;
    expect(inRotation(backup, balancer.peers, 0)).toBe(true);
    expect(serve(balancer, 0).id).toBe(backup.id);
  });
});
