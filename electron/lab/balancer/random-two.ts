import { MAX_TRIES, type PickContext } from './pick-context';
import type { Peer } from './types';

/**
 * A weighted draw as nginx's ngx_http_upstream_peek_random_peer: each peer
 * owns the range [sum of the weights before it, + its weight) of
 * `x = random % total_weight`; weight-0 peers own nothing.
 */
function draw(peers: readonly Peer[], weights: readonly number[], total: number, random: () => number): Peer | undefined {
  let x = Math.floor(random() * total);
  for (let i = 0; i < peers.length; i++) {
    const w = weights[i] ?? 0;
    if (x < w) return peers[i];
    x -= w;
  }
  return undefined;
}

/**
 * nginx's `random two least_conn` (ngx_http_upstream_get_random2_peer in
 * ngx_http_upstream_random_module.c): draw weighted at random until two
 * different usable peers are in hand, then take the one with fewer
 * connections per weight, compared as `conns_b * weight_a > conns_a *
 * weight_b`, so on a tie the second drawn wins. Each draw that is unusable
 * or repeats the first costs one of 20 tries; then the request goes
 * round-robin.
 *
 * nginx counts those tries over the whole request; draws cannot be replayed
 * from `tried`, so here each attempt gets its own 20. That only matters
 * when retries keep drawing dead peers, and ends the same way: round-robin.
 *
 * @param weights the selection weight of each of `peers` (nginx `peer->weight`).
 * @param random uniform in [0, 1), as Math.random.
 */
export function randomTwoPick(
  peers: readonly Peer[],
  weights: readonly number[],
  random: () => number,
  ctx: PickContext,
): Peer | null {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return ctx.roundRobin();
  const weightOf = (peer: Peer): number => weights[peers.indexOf(peer)] ?? 0;

  let first: Peer | null = null;
  for (let tries = 0; tries <= MAX_TRIES; tries++) {
    const peer = draw(peers, weights, total, random);
    if (peer === undefined || peer === first || !ctx.usable(peer)) continue;
    if (first === null) {
      first = peer;
      continue;
    }
    return peer.conns * weightOf(first) > first.conns * weightOf(peer) ? first : peer;
  }
  return ctx.roundRobin();
}
