import type { Algorithm } from '../../shared/types';
import { isUsable, selectionWeight } from './availability';
import { leastConnPick } from './least-conn';
import { smoothWeightedPick } from './smooth-weighted';
import type { Balancer, Peer, PeerConfig } from './types';

/**
 * Create a balancer that selects peers exactly as nginx 1.22 does for
 * `round-robin` / `weighted` (smooth weighted round-robin) and `least-conn`,
 * with nginx's max_fails/fail_timeout accounting. New peers start up (not
 * `down`); the lab marks them down when their process is not running.
 */
export function createBalancer(algorithm: Algorithm, configs: readonly PeerConfig[]): Balancer {
  let currentAlgorithm: Algorithm = algorithm;
  let peers: Peer[] = [];

  const weightOf = (peer: Peer): number => selectionWeight(currentAlgorithm, peer.weight);

  // nginx's `peers->single`: with one server there is nothing to fail over
  // to, so it does no failure accounting and never retries.
  const isSingle = (): boolean => peers.length === 1;

  function pickSingle(tried: ReadonlySet<Peer> | null): Peer | null {
    const only = peers[0];
    // nginx checks only `down` here (max_fails is ignored). A single peer has
    // one try per request, so a retry after it was tried finds nothing.
    if (only === undefined || only.down || only.weight <= 0 || tried?.has(only)) return null;
    only.conns++;
    return only;
  }

  const balancer: Balancer = {
    get algorithm() {
      return currentAlgorithm;
    },
    get peers() {
      return peers;
    },

    pick(tried, now) {
      if (isSingle()) return pickSingle(tried);

      const candidates = peers.filter((peer) => isUsable(peer, tried, now));
      const winner =
        currentAlgorithm === 'least-conn' ? leastConnPick(candidates, weightOf) : smoothWeightedPick(candidates, weightOf);
      if (winner === null) return null;

      // A pick after fail_timeout is the probe: moving `checked` keeps a
      // still-failed peer out of other picks until this attempt is reported.
      if (now - winner.checked > winner.failTimeoutMs) winner.checked = now;
      winner.conns++;
      return winner;
    },

    report(peer, ok, now) {
      peer.conns = Math.max(0, peer.conns - 1);
      if (isSingle()) return;

      if (!ok) {
        peer.fails++;
        peer.accessed = now;
        peer.checked = now;
        // Lower the peer's share at once; it climbs back by one per pick.
        if (peer.maxFails > 0) peer.effectiveWeight -= Math.trunc(weightOf(peer) / peer.maxFails);
        if (peer.effectiveWeight < 0) peer.effectiveWeight = 0;
      } else if (peer.accessed < peer.checked) {
        // A success after a probe (checked moved past the last failure)
        // brings the peer back; other successes leave the count alone.
        peer.fails = 0;
      }
    },

    revive(peer) {
      peer.fails = 0;
      peer.accessed = 0;
      peer.checked = 0;
    },

    configure(nextAlgorithm, nextConfigs) {
      const seen = new Set<number>();
      for (const config of nextConfigs) {
        if (seen.has(config.id)) throw new RangeError(`duplicate peer id ${config.id}`);
        seen.add(config.id);
      }

      const byId = new Map(peers.map((peer) => [peer.id, peer]));
      currentAlgorithm = nextAlgorithm;
      peers = nextConfigs.map((config) => {
        // Reuse the object so reports for requests in flight still land.
        const peer = byId.get(config.id) ?? newPeer(config);
        peer.weight = config.weight;
        peer.maxFails = config.maxFails;
        peer.failTimeoutMs = config.failTimeoutMs;
        // Like an nginx reload: selection and failure state start afresh.
        peer.effectiveWeight = weightOf(peer);
        peer.currentWeight = 0;
        peer.fails = 0;
        peer.accessed = 0;
        peer.checked = 0;
        return peer;
      });
    },
  };

  balancer.configure(algorithm, configs);
  return balancer;
}

function newPeer(config: PeerConfig): Peer {
  return {
    id: config.id,
    weight: config.weight,
    maxFails: config.maxFails,
    failTimeoutMs: config.failTimeoutMs,
    effectiveWeight: 0,
    currentWeight: 0,
    fails: 0,
    accessed: 0,
    checked: 0,
    conns: 0,
    down: false,
  };
}
