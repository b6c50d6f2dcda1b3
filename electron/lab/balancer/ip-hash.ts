import { MAX_TRIES, type PickContext } from './pick-context';
import type { Peer } from './types';

/** One round of nginx's ip_hash over the address bytes: `hash = (hash * 113 + byte) % 6271`. */
function rehash(hash: number, bytes: readonly number[]): number {
  let next = hash;
  for (const byte of bytes) next = (next * 113 + byte) % 6271;
  return next;
}

/**
 * The peer a hash lands on: `hash % total_weight`, then walk the peers in
 * config order subtracting each weight, as nginx does. Weight-0 peers take
 * no slot. Down or failed peers keep theirs, so a client's server does not
 * change while another one is down.
 */
function peerAt(peers: readonly Peer[], weights: readonly number[], total: number, hash: number): Peer | undefined {
  let w = hash % total;
  let i = 0;
  while (i < peers.length - 1 && w >= (weights[i] ?? 0)) w -= weights[i++] ?? 0;
  return peers[i];
}

/**
 * nginx's ip_hash (ngx_http_upstream_get_ip_hash_peer in
 * ngx_http_upstream_ip_hash_module.c). The hash starts at 89 and every try
 * runs another round over the same address bytes, carrying on from the last
 * hash; a try that lands on a tried or unusable peer costs one of 20, after
 * which the request goes round-robin for good.
 *
 * nginx keeps that hash and count per request. Here they are rebuilt from
 * `ctx.tried` (in order): each earlier attempt picked the first peer the
 * chain landed on that was usable at the time, which is the first landing on
 * the peer that was tried, so replaying the chain to each tried peer gives
 * back the state exactly. A tried peer the chain does not reach within the
 * budget came from the round-robin fallback.
 *
 * @param weights the selection weight of each of `peers` (nginx `peer->weight`).
 */
export function ipHashPick(
  peers: readonly Peer[],
  weights: readonly number[],
  address: readonly number[],
  ctx: PickContext,
): Peer | null {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return ctx.roundRobin();

  let hash = 89;
  let tries = 0;
  for (const previous of ctx.tried) {
    for (;;) {
      hash = rehash(hash, address);
      if (peerAt(peers, weights, total, hash) === previous) break;
      if (++tries > MAX_TRIES) return ctx.roundRobin();
    }
  }

  for (;;) {
    hash = rehash(hash, address);
    const peer = peerAt(peers, weights, total, hash);
    if (peer !== undefined && ctx.usable(peer)) return peer;
    if (++tries > MAX_TRIES) return ctx.roundRobin();
  }
}
