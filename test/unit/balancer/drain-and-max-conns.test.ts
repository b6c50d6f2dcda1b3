import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { BalancerAlgorithm, RequestInfo } from '../../../electron/lab/balancer/types';
import { seededRandom } from '../../support/seeded-random';
import { mustPick, peerOf, serve, server } from './peers';

const ALL: BalancerAlgorithm[] = ['round-robin', 'weighted', 'least-conn', 'ip-hash', 'hash', 'random-two', 'least-time'];
const PORTS = [42001, 42002, 42003];

/** Request info for the i-th request: a spread of clients and URIs, so the hashing methods cover every peer. */
const request = (i: number): RequestInfo => ({ clientKey: `10.0.${i}.1`, hashKey: `/page/${i}` });

describe('drain', () => {
  it.each(ALL)('takes a draining peer out of new requests (%s)', (algorithm) => {
    const balancer = createBalancer(algorithm, PORTS.map((id) => server(id)), { random: seededRandom(7) });
    peerOf(balancer, 42002).drain = true;

    const ids = Array.from({ length: 60 }, (_, i) => serve(balancer, 1_000 + i, request(i)).id);
    expect(ids).not.toContain(42002);
    expect(new Set(ids)).toEqual(new Set([42001, 42003]));
  });

  it('lets requests already in flight finish without counting a failure', () => {
    const balancer = createBalancer('round-robin', PORTS.map((id) => server(id)));
    const inFlight = mustPick(balancer, 1_000);
    inFlight.drain = true;
    balancer.report(inFlight, true, 1_001);

    expect([inFlight.conns, inFlight.fails, inFlight.down]).toEqual([0, 0, false]);
  });

  it('gives nothing to a lone peer that is draining', () => {
    const balancer = createBalancer('weighted', [server(42001)]);
    peerOf(balancer, 42001).drain = true;

    expect(balancer.pick(null, 1_000)).toBeNull();
  });

  it('keeps the drain flag across a reconfigure, like down', () => {
    const balancer = createBalancer('weighted', PORTS.map((id) => server(id)));
    peerOf(balancer, 42001).drain = true;
    balancer.configure('least-conn', PORTS.map((id) => server(id, 2)));

    expect(peerOf(balancer, 42001).drain).toBe(true);
  });
});

describe('maxConns', () => {
  it.each(ALL)('sends nothing new to a peer at max_conns until one of its requests ends (%s)', (algorithm) => {
    const configs = [{ ...server(42001), maxConns: 1 }, server(42002), server(42003)];
    const balancer = createBalancer(algorithm, configs, { random: seededRandom(7) });
    const limited = peerOf(balancer, 42001);
    limited.conns = 1;

    const ids = Array.from({ length: 60 }, (_, i) => serve(balancer, 1_000 + i, request(i)).id);
    expect(ids).not.toContain(42001);

    balancer.report(limited, true, 2_000);
    const after = Array.from({ length: 60 }, (_, i) => serve(balancer, 2_000 + i, request(i)).id);
    expect(after).toContain(42001);
  });

  it('holds a lone peer to max_conns too', () => {
    const balancer = createBalancer('weighted', [{ ...server(42001), maxConns: 2 }]);
    mustPick(balancer, 1_000);
    mustPick(balancer, 1_000);

    expect(balancer.pick(null, 1_000)).toBeNull();
  });

  it('treats 0 as no limit', () => {
    const balancer = createBalancer('weighted', [{ ...server(42001), maxConns: 0 }, server(42002)]);
    for (let i = 0; i < 50; i++) mustPick(balancer, 1_000);

    expect(peerOf(balancer, 42001).conns).toBe(25);
  });
});
