import { crc32 } from 'node:zlib';
import type { Peer } from './types';

/** Points each unit of weight puts on the ring (nginx: `peer->weight * 160`). */
export const POINTS_PER_WEIGHT = 160;

/**
 * The host part of every peer's server string. nginx hashes the server
 * exactly as written in the config, and the lab's upstreams are
 * `127.0.0.1:<port>`; `localhost:<port>` would give a different ring.
 */
export const RING_HOST = '127.0.0.1';

/** A ketama ring: point hashes in ascending order, and the peer owning each. */
export interface HashRing {
  readonly hashes: Uint32Array;
  readonly owners: readonly Peer[];
}

/**
 * Build nginx's consistent-hash ring (ngx_http_upstream_init_chash in
 * ngx_http_upstream_hash_module.c), compatible with Cache::Memcached::Fast.
 * Each peer gets `weight * 160` points:
 *
 *     point_j = crc32(host "\0" port  point_{j-1} as 4 bytes little-endian)
 *
 * with point_{-1} = 0, host "127.0.0.1" and the port as decimal text. Points
 * are sorted by hash and a point whose hash equals the one before is dropped.
 * (nginx sorts with qsort, which is not stable, so on such a 32-bit
 * collision between two servers it may keep either; here the peer listed
 * first keeps it.)
 *
 * Down, draining and failed peers keep their points; that is what keeps a
 * key on its server while another server is out.
 *
 * @param weightOf the weight that sets each peer's number of points.
 */
export function buildRing(peers: readonly Peer[], weightOf: (peer: Peer) => number): HashRing {
  const points: Array<{ hash: number; owner: Peer }> = [];
  const previous = Buffer.alloc(4);

  for (const owner of peers) {
    // crc32's second argument continues a running CRC, as ngx_crc32_update does.
    const base = crc32(`${RING_HOST}\0${owner.id}`);
    previous.writeUInt32LE(0);
    for (let j = 0; j < weightOf(owner) * POINTS_PER_WEIGHT; j++) {
      const hash = crc32(previous, base);
      points.push({ hash, owner });
      previous.writeUInt32LE(hash);
    }
  }

  points.sort((a, b) => a.hash - b.hash);
  const unique = points.filter((point, i) => i === 0 || point.hash !== points[i - 1]?.hash);
  return { hashes: Uint32Array.from(unique, (p) => p.hash), owners: unique.map((p) => p.owner) };
}

/**
 * Index of the first point whose hash is >= `hash`; `hashes.length` when
 * there is none, which the caller wraps to 0 (nginx: `hash % number`).
 */
export function firstPointAtOrAfter(ring: HashRing, hash: number): number {
  let low = 0;
  let high = ring.hashes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ring.hashes[mid] ?? 0) < hash) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The CRC-32 nginx hashes a request's key with (`ngx_crc32_long`); the key's text is taken as UTF-8. */
export function keyHash(key: string): number {
  return crc32(key);
}
