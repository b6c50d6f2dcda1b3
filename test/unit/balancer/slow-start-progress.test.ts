import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { slowStartProgress } from '../../../electron/lab/balancer/slow-start';
import { peerOf, server } from './peers';

describe('slowStartProgress', () => {
  it('runs from 0 to 1 over slowStartMs after recovered, and is null otherwise or for methods slow start ignores', () => {
    const balancer = createBalancer('weighted', [{ ...server(1, 4), slowStartMs: 1000 }]);
    const peer = peerOf(balancer, 1);
    expect(slowStartProgress(peer, 'weighted', 0)).toBeNull();
    balancer.recovered(peer, 500);
    expect([500, 750, 1499, 1500].map((now) => slowStartProgress(peer, 'weighted', now))).toEqual([0, 0.25, 0.999, null]);
    expect(slowStartProgress(peer, 'ip-hash', 750)).toBeNull();
  });
});
