import { describe, expect, it, vi } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { buildRing } from '../../../electron/lab/balancer/hash-ring';
import type { Balancer, Peer } from '../../../electron/lab/balancer/types';
import { balancerFor, scenarioNamed } from './nginx-reference';
import { mustPick, peerOf, serve, server } from './peers';

// Count ring builds; the ring itself is the real one.
vi.mock('../../../electron/lab/balancer/hash-ring', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/lab/balancer/hash-ring')>();
  return { ...real, buildRing: vi.fn(real.buildRing) };
});

const PORTS = [42001, 42002, 42003, 42004];
const KEYS = Array.from({ length: 10_000 }, (_, i) => `/item/${i}`);

function mapKeys(balancer: Balancer, keys: readonly string[]): number[] {
  return keys.map((hashKey) => serve(balancer, 1_000, { hashKey }).id);
}

describe("createBalancer('hash')", () => {
  it('moves only the keys of a removed server, about 1/N of all keys', () => {
    const balancer = createBalancer('hash', PORTS.map((id) => server(id)));
    const before = mapKeys(balancer, KEYS);
    const removed = 42002;

    balancer.configure('hash', PORTS.filter((id) => id !== removed).map((id) => server(id)));
    const after = mapKeys(balancer, KEYS);

    const moved = KEYS.filter((_key, i) => before[i] !== after[i]).length;
    const wereOnRemoved = before.filter((id) => id === removed).length;
    expect(KEYS.every((_key, i) => before[i] === removed || before[i] === after[i])).toBe(true);
    expect(moved).toBe(wereOnRemoved);
    expect(moved / KEYS.length).toBeGreaterThan(0.15);
    expect(moved / KEYS.length).toBeLessThan(0.35);
  });

  it('sends a down server’s keys where removing it would, and leaves every other key in place', () => {
    const keys = KEYS.slice(0, 2_000);
    const down = createBalancer('hash', PORTS.map((id) => server(id)));
    peerOf(down, 42003).down = true;
    const removed = createBalancer('hash', PORTS.filter((id) => id !== 42003).map((id) => server(id)));

    expect(mapKeys(down, keys)).toEqual(mapKeys(removed, keys));
  });

  it('moves on along the ring for a retry, to the server the key goes to while the first is down', () => {
    const balancer = balancerFor(scenarioNamed('hash_uri'));
    const first = mustPick(balancer, 1_000, new Set(), { hashKey: '/a' });
    const retry = mustPick(balancer, 1_000, new Set([first]), { hashKey: '/a' });
    balancer.report(first, true, 1_000);
    balancer.report(retry, true, 1_000);
    first.down = true;

    expect(retry).not.toBe(first);
    expect(serve(balancer, 1_001, { hashKey: '/a' })).toBe(retry);
  });

  it('falls back to round-robin after 20 ring points owned by unusable servers', () => {
    // 256 of 258 weight units belong to the down server: the key's next points are all its own.
    const balancer = createBalancer('hash', [server(42001, 256), server(42002), server(42003)]);
    peerOf(balancer, 42001).down = true;

    expect([1, 2, 3, 4].map((i) => serve(balancer, 1_000 + i, { hashKey: '/a' }).id)).toEqual([42002, 42003, 42002, 42003]);
  });

  it('goes round-robin for a request without a key', () => {
    const balancer = createBalancer('hash', PORTS.map((id) => server(id)));

    expect([1, 2, 3, 4, 5].map((i) => serve(balancer, i).id)).toEqual([...PORTS, 42001]);
  });

  it('lets the effective weight of a peer that failed climb back one step per pick, as nginx does', () => {
    const balancer = createBalancer('hash', [server(42001, 3), server(42002, 3)]);
    const peer = mustPick(balancer, 1_000, null, { hashKey: '/a' });
    balancer.report(peer, false, 1_000);
    expect(peer.effectiveWeight).toBe(0);

    const picks = Array.from({ length: 30 }, (_, i) => serve(balancer, 11_001 + i, { hashKey: '/a' }));
    expect(picks.every((p: Peer) => p === peer)).toBe(true);
    expect(peer.effectiveWeight).toBe(3);
  });

  it('builds the ring once per configure, not per pick', () => {
    const builds = vi.mocked(buildRing);
    builds.mockClear();
    const balancer = createBalancer('hash', PORTS.map((id) => server(id)));
    for (let i = 0; i < 100; i++) serve(balancer, 1_000, { hashKey: `/${i}` });
    expect(builds).toHaveBeenCalledTimes(1);

    balancer.configure('hash', PORTS.map((id) => server(id, 2)));
    expect(builds).toHaveBeenCalledTimes(2);
  });
});
