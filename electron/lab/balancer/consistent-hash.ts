import { firstPointAtOrAfter, keyHash, type HashRing } from './hash-ring';
import { MAX_TRIES, type PickContext } from './pick-context';
import { smoothWeightedPick } from './smooth-weighted';
import type { Peer } from './types';

/**
 * nginx's `hash <key> consistent` (ngx_http_upstream_get_chash_peer in
 * ngx_http_upstream_hash_module.c). The key's CRC-32 picks the first ring
 * point at or after it (wrapping); if that point's peer is tried or unusable
 * the request moves on to the next point, each move costing one of 20 tries,
 * after which it goes round-robin for good.
 *
 * nginx keeps the point and the count per request; they are rebuilt from
 * `ctx.tried` (in order): each earlier attempt took the first usable peer
 * along the ring, which is the first point owned by the peer it tried, so
 * walking to each tried peer in turn gives back the state exactly.
 *
 * nginx runs a smooth weighted round-robin step among the peers that share
 * the point's server name; in the lab that is the one peer, so the step only
 * lets its effective weight climb back, as it does in nginx.
 *
 * @param key the request's key (`$request_uri`); an empty key goes
 *   round-robin, as nginx does (`hp->key.len == 0`).
 */
export function consistentHashPick(
  ring: HashRing,
  key: string,
  ctx: PickContext,
  weightOf: (peer: Peer) => number,
): Peer | null {
  const points = ring.owners.length;
  if (key === '' || points === 0) return ctx.roundRobin();

  let point = firstPointAtOrAfter(ring, keyHash(key));
  let tries = 0;
  for (const previous of ctx.tried) {
    while (ring.owners[point % points] !== previous) {
      point++;
      if (++tries > MAX_TRIES) return ctx.roundRobin();
    }
  }

  for (;;) {
    const owner = ring.owners[point % points];
    if (owner !== undefined && ctx.usable(owner)) return smoothWeightedPick([owner], weightOf);
    point++;
    if (++tries > MAX_TRIES) return ctx.roundRobin();
  }
}
