import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Peer } from '../../../electron/lab/balancer/types';
import { balancerFor, RECORDING_CLIENT, scenarioNamed } from './nginx-reference';
import { counts, mustPick, peerOf, serve, server } from './peers';

const recorded = scenarioNamed('ip_hash');
const [FIRST, SECOND, THIRD] = recorded.ports as [number, number, number];
const client = { clientKey: RECORDING_CLIENT };

describe("createBalancer('ip-hash')", () => {
  it('sends every client of one /24 to the same server', () => {
    const balancer = balancerFor(recorded);
    const ids = Array.from({ length: 255 }, (_, i) => serve(balancer, 1_000, { clientKey: `10.20.30.${i + 1}` }).id);

    expect(new Set(ids).size).toBe(1);
  });

  it('hashes all 16 bytes of an IPv6 client, so neighbours can land on different servers', () => {
    const balancer = balancerFor(recorded);
    const ids = Array.from({ length: 64 }, (_, i) => serve(balancer, 1_000, { clientKey: `2001:db8::${i.toString(16)}` }).id);

    expect(new Set(ids).size).toBeGreaterThan(1);
  });

  it('keeps hashing from where it stopped when the chosen server is down: 127.0.0.1 goes from the third to the second', () => {
    // The chain for 127.0.0 runs 4040 (% 3 = 2), 5510 (2, down again), 4957 (1).
    const balancer = balancerFor(recorded);
    peerOf(balancer, THIRD).down = true;

    expect([1, 2, 3].map((i) => serve(balancer, 1_000 + i, client).id)).toEqual([SECOND, SECOND, SECOND]);
  });

  it('continues the same chain on a retry, skipping the server already tried', () => {
    const balancer = balancerFor(recorded);
    const first = mustPick(balancer, 1_000, new Set(), client);
    const retry = mustPick(balancer, 1_000, new Set([first]), client);

    expect([first.id, retry.id]).toEqual([THIRD, SECOND]);
  });

  it('keeps a client on its server across a new balancer instance and whatever other traffic came before', () => {
    const clients = ['127.0.0.1', '10.0.0.9', '192.168.1.20', '2001:db8::7', '::1'];
    const before = createBalancer('ip-hash', [server(FIRST), server(SECOND), server(THIRD)]);
    const idsBefore = clients.map((clientKey) => serve(before, 1_000, { clientKey }).id);

    const restarted = createBalancer('ip-hash', [server(FIRST), server(SECOND), server(THIRD)]);
    for (let i = 0; i < 7; i++) serve(restarted, 1_000, { clientKey: `172.16.${i}.1` });

    expect(clients.map((clientKey) => serve(restarted, 2_000, { clientKey }).id)).toEqual(idsBefore);
  });

  it('shares clients out by weight', () => {
    const balancer = createBalancer('ip-hash', [server(FIRST, 3), server(SECOND, 1)]);
    const ids = Array.from({ length: 2_000 }, (_, i) => serve(balancer, 1_000, { clientKey: `10.${i >> 8}.${i & 255}.1` }).id);
    const share = (counts(ids)[FIRST] ?? 0) / ids.length;

    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('falls back to round-robin after 20 tries that land on unusable servers', () => {
    // 256 of 258 weight units belong to the down server: the chain keeps landing on it.
    const balancer = createBalancer('ip-hash', [server(FIRST, 256), server(SECOND), server(THIRD)]);
    peerOf(balancer, FIRST).down = true;

    expect([1, 2, 3, 4].map((i) => serve(balancer, 1_000 + i, client).id)).toEqual([SECOND, THIRD, SECOND, THIRD]);
  });

  it('returns null when no peer has weight', () => {
    const balancer = createBalancer('ip-hash', [server(FIRST, 0), server(SECOND, 0)]);

    expect(balancer.pick(null, 1_000, client)).toBeNull();
  });

  it('returns null once every peer was tried', () => {
    const balancer = balancerFor(recorded);
    const tried = new Set<Peer>(balancer.peers);

    expect(balancer.pick(tried, 1_000, client)).toBeNull();
  });
});
