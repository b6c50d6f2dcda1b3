import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { buildRing, firstPointAtOrAfter, POINTS_PER_WEIGHT } from '../../../electron/lab/balancer/hash-ring';
import type { Peer } from '../../../electron/lab/balancer/types';
import { server } from './peers';

function peers(...weights: number[]): Peer[] {
  return [...createBalancer('weighted', weights.map((w, i) => server(42001 + i, w))).peers];
}

const byWeight = (peer: Peer): number => peer.weight;

describe('buildRing', () => {
  it('puts 160 points per unit of weight on the ring, in ascending order, and none for weight 0', () => {
    const ring = buildRing(peers(1, 2, 0), byWeight);

    expect(ring.hashes).toHaveLength(3 * POINTS_PER_WEIGHT);
    expect(ring.owners.filter((p) => p.id === 42002)).toHaveLength(2 * POINTS_PER_WEIGHT);
    expect(ring.owners.some((p) => p.id === 42003)).toBe(false);
    expect([...ring.hashes].every((hash, i, all) => i === 0 || (all[i - 1] ?? 0) < hash)).toBe(true);
  });

  it('chains each point from the last: crc32("127.0.0.1\\0<port>" + previous point, little-endian)', () => {
    const ring = buildRing(peers(1), byWeight);
    const first = crc32(Buffer.from('127.0.0.1\u000042001\u0000\u0000\u0000\u0000', 'latin1'));
    const previous = Buffer.alloc(4);
    previous.writeUInt32LE(first);
    const second = crc32(Buffer.concat([Buffer.from('127.0.0.1\u000042001', 'latin1'), previous]));

    expect(ring.hashes).toContain(first);
    expect(ring.hashes).toContain(second);
  });
});

describe('firstPointAtOrAfter', () => {
  it('finds the first point whose hash is at least the key, or one past the end to wrap', () => {
    const ring = buildRing(peers(1), byWeight);
    const [lowest = 0] = ring.hashes;
    const highest = ring.hashes.at(-1) ?? 0;

    expect(firstPointAtOrAfter(ring, 0)).toBe(0);
    expect(firstPointAtOrAfter(ring, lowest)).toBe(0);
    expect(firstPointAtOrAfter(ring, lowest + 1)).toBe(1);
    expect(firstPointAtOrAfter(ring, highest)).toBe(ring.hashes.length - 1);
    expect(firstPointAtOrAfter(ring, highest + 1)).toBe(ring.hashes.length);
  });
});
