import { isFull, isUsable } from './availability';
import { recordTtfb } from './least-time';
import { BACKUP_FORBIDDEN, methodOf, type Picker } from './methods';
import type { PickContext } from './pick-context';
import { slowStartWeight } from './slow-start';
import { smoothWeightedPick } from './smooth-weighted';
import type { Balancer, BalancerAlgorithm, BalancerOptions, Peer, PeerConfig, RequestInfo } from './types';

/**
 * Create a balancer that selects peers exactly as nginx 1.22 does for
 * `round-robin` / `weighted` (smooth weighted round-robin), `least-conn`,
 * `ip-hash`, `hash` (consistent, on the request URI) and `random-two`, with
 * nginx's max_fails/fail_timeout accounting, `backup` and `max_conns`; plus
 * `least-time` (nginx Plus's idea, our formula), `drain` and slow start.
 * New peers start up (not `down`); the lab marks them down when their
 * process is not running.
 *
 * @param options.random the randomness `random-two` draws with (default Math.random).
 */
export function createBalancer(
  algorithm: BalancerAlgorithm,
  configs: readonly PeerConfig[],
  options: BalancerOptions = {},
): Balancer {
  const random = options.random ?? Math.random;
  let currentAlgorithm: BalancerAlgorithm = algorithm;
  let peers: Peer[] = [];
  // Made on every configure, as nginx builds a method's state (the hash ring) when it reads the config.
  let picker: Picker = () => null;

  let traits = methodOf(algorithm).traits;
  // A weight of 0 means "no new requests" whether or not the method counts weights.
  const baseWeight = (peer: Peer): number => (traits.usesWeights ? peer.weight : peer.weight > 0 ? 1 : 0);
  const weightAt =
    (now: number) =>
    (peer: Peer): number =>
      traits.slowStart ? slowStartWeight(peer, baseWeight(peer), now) : baseWeight(peer);

  // nginx's `peers->single`: with one server (backups included) there is
  // nothing to fail over to, so it does no failure accounting and never retries.
  const isSingle = (): boolean => peers.length === 1;

  function pickSingle(tried: ReadonlySet<Peer> | null): Peer | null {
    const only = peers[0];
    // nginx checks only `down` and max_conns here (max_fails is ignored). A
    // single peer has one try per request, so a retry after it was tried finds nothing.
    if (only === undefined || only.down || only.drain || only.weight <= 0 || isFull(only) || tried?.has(only)) return null;
    only.conns++;
    return only;
  }

  function choose(tried: ReadonlySet<Peer> | null, now: number, request: RequestInfo | undefined): Peer | null {
    const weightOf = weightAt(now);
    const usable = (peer: Peer): boolean => isUsable(peer, tried, now);
    const context = (): PickContext => ({
      tried: tried === null ? [] : [...tried],
      usable,
      roundRobin: () => smoothWeightedPick(peers.filter(usable), weightOf),
    });
    return picker({ peers, tried, request, weightOf, usable, context });
  }

  const balancer: Balancer = {
    get algorithm() {
      return currentAlgorithm;
    },
    get peers() {
      return peers;
    },

    pick(tried, now, request) {
      if (isSingle()) return pickSingle(tried);

      const winner = choose(tried, now, request);
      if (winner === null) return null;

      // A pick after fail_timeout is the probe: moving `checked` keeps a
      // still-failed peer out of other picks until this attempt is reported.
      if (now - winner.checked > winner.failTimeoutMs) winner.checked = now;
      winner.conns++;
      return winner;
    },

    report(peer, ok, now, ttfbMs) {
      peer.conns = Math.max(0, peer.conns - 1);
      if (ttfbMs !== undefined) recordTtfb(peer, ttfbMs);
      if (isSingle()) return;

      if (!ok) {
        peer.fails++;
        peer.accessed = now;
        peer.checked = now;
        // Lower the peer's share at once; it climbs back by one per pick.
        if (peer.maxFails > 0) peer.effectiveWeight -= Math.trunc(weightAt(now)(peer) / peer.maxFails);
        if (peer.effectiveWeight < 0) peer.effectiveWeight = 0;
      } else if (peer.accessed < peer.checked) {
        // A success after a probe (checked moved past the last failure)
        // brings the peer back; other successes leave the count alone.
        peer.fails = 0;
      }
    },

    take(peer) {
      peer.conns++;
    },

    revive(peer) {
      peer.fails = 0;
      peer.accessed = 0;
      peer.checked = 0;
    },

    recovered(peer, now) {
      balancer.revive(peer);
      if (peer.slowStartMs > 0) peer.slowStartAt = now;
    },

    configure(nextAlgorithm, nextConfigs) {
      const seen = new Set<number>();
      for (const config of nextConfigs) {
        if (seen.has(config.id)) throw new RangeError(`duplicate peer id ${config.id}`);
        seen.add(config.id);
      }
      if (!methodOf(nextAlgorithm).traits.allowsBackup && nextConfigs.some((config) => config.backup === true)) {
        throw new Error(BACKUP_FORBIDDEN);
      }

      const byId = new Map(peers.map((peer) => [peer.id, peer]));
      currentAlgorithm = nextAlgorithm;
      traits = methodOf(nextAlgorithm).traits;
      peers = nextConfigs.map((config) => {
        // Reuse the object so reports for requests in flight still land.
        const peer = byId.get(config.id) ?? newPeer(config);
        applyConfig(peer, config);
        // Like an nginx reload: selection and failure state start afresh.
        // The TTFB average and slow start describe the backend, not the
        // config, so a weight change does not throw them away.
        peer.effectiveWeight = baseWeight(peer);
        peer.currentWeight = 0;
        peer.fails = 0;
        peer.accessed = 0;
        peer.checked = 0;
        return peer;
      });
      picker = methodOf(currentAlgorithm).createPicker({ peers, baseWeight, random });
    },
  };

  balancer.configure(algorithm, configs);
  return balancer;
}

function applyConfig(peer: Peer, config: PeerConfig): void {
  peer.weight = config.weight;
  peer.maxFails = config.maxFails;
  peer.failTimeoutMs = config.failTimeoutMs;
  peer.backup = config.backup ?? false;
  peer.maxConns = config.maxConns ?? 0;
  peer.slowStartMs = config.slowStartMs ?? 0;
}

function newPeer(config: PeerConfig): Peer {
  return {
    id: config.id,
    weight: config.weight,
    maxFails: config.maxFails,
    failTimeoutMs: config.failTimeoutMs,
    backup: false,
    maxConns: 0,
    slowStartMs: 0,
    effectiveWeight: 0,
    currentWeight: 0,
    fails: 0,
    accessed: 0,
    checked: 0,
    conns: 0,
    down: false,
    drain: false,
    ttfbAvgMs: null,
    slowStartAt: null,
  };
}
