/** Small builders shared by the balancer tests. */
import { expect } from 'vitest';
import type { Balancer, Peer, PeerConfig, RequestInfo } from '../../../electron/lab/balancer/types';

/** A server line with nginx's defaults: max_fails=1, fail_timeout=10s. */
export function server(id: number, weight = 1, maxFails = 1, failTimeoutMs = 10_000): PeerConfig {
  return { id, weight, maxFails, failTimeoutMs };
}

/** The balancer's peer with this id. */
export function peerOf(balancer: Balancer, id: number): Peer {
  const peer = balancer.peers.find((p) => p.id === id);
  if (peer === undefined) throw new Error(`no peer ${id}`);
  return peer;
}

/** Pick for a new request and expect a peer. */
export function mustPick(
  balancer: Balancer,
  now: number,
  tried: ReadonlySet<Peer> | null = null,
  request?: RequestInfo,
): Peer {
  const peer = balancer.pick(tried, now, request);
  expect(peer).not.toBeNull();
  return peer as Peer;
}

/** One request answered by whichever peer is picked: pick, then report success. */
export function serve(balancer: Balancer, now: number, request?: RequestInfo): Peer {
  const peer = mustPick(balancer, now, null, request);
  balancer.report(peer, true, now);
  return peer;
}

/** Ids of `count` sequential requests, each reported ok before the next. */
export function serveMany(balancer: Balancer, count: number, now = 1_000): number[] {
  return Array.from({ length: count }, () => serve(balancer, now).id);
}

/** How many times each id occurs. */
export function counts(ids: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const id of ids) out[id] = (out[id] ?? 0) + 1;
  return out;
}
