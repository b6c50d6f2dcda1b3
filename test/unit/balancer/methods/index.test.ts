import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../../electron/lab/balancer/create-balancer';
import { BACKUP_FORBIDDEN, METHODS, methodTraits } from '../../../../electron/lab/balancer/methods';
import { slowStartProgress } from '../../../../electron/lab/balancer/slow-start';
import type { PeerConfig, RequestInfo } from '../../../../electron/lab/balancer/types';
import { selectionWeight } from '../../../../electron/shared/selection-weight';
import { ALGORITHMS, HASH_KEYS, type Algorithm } from '../../../../electron/shared/types';
import { seededRandom } from '../../../support/seeded-random';
import { peerOf, serve, server } from '../peers';

// These tests hold each method module's traits to what its picker does, so a
// trait the CLI, README or dashboard shows cannot drift from the balancer.

const traitsOf = (algorithm: Algorithm) => METHODS[algorithm].traits;

/** 60 requests, each from another client address and for another key. */
const REQUESTS: RequestInfo[] = Array.from({ length: 60 }, (_, i) => ({ clientKey: `10.0.${i}.1`, hashKey: `/page/${i}` }));

/** Which peer served each request, sequentially, on a fresh balancer with these weights (and a fixed random). */
function sequence(algorithm: Algorithm, configs: PeerConfig[], requests = REQUESTS, setup?: (peers: ReturnType<typeof createBalancer>) => void): number[] {
  const balancer = createBalancer(algorithm, configs, { random: seededRandom(7) });
  setup?.(balancer);
  return requests.map((request, i) => serve(balancer, 1_000 + i, request).id);
}

const three = (w1: number, w2: number, w3: number): PeerConfig[] => [server(42001, w1), server(42002, w2), server(42003, w3)];

describe('the method registry', () => {
  it('holds one module per name of ALGORITHMS, each under its own name, in that order', () => {
    expect(Object.keys(METHODS).sort()).toEqual([...ALGORITHMS].sort());
    expect(methodTraits().map((traits) => traits.name)).toEqual([...ALGORITHMS]);
  });

  it.each(ALGORITHMS)('%s: refuses backup peers exactly when allowsBackup is false', (algorithm) => {
    const configure = () => createBalancer(algorithm, [server(42001), server(42002), { ...server(42003), backup: true }]);
    if (traitsOf(algorithm).allowsBackup) {
      const balancer = configure();
      expect(REQUESTS.map((request, i) => serve(balancer, 1_000 + i, request).id)).not.toContain(42003);
      peerOf(balancer, 42001).down = true;
      peerOf(balancer, 42002).down = true;
      expect(serve(balancer, 2_000, REQUESTS[0]).id).toBe(42003);
    } else {
      expect(configure).toThrow(BACKUP_FORBIDDEN);
    }
  });

  it('names exactly the methods that refuse backup in the refusal', () => {
    for (const algorithm of ALGORITHMS) expect(BACKUP_FORBIDDEN.includes(algorithm)).toBe(!traitsOf(algorithm).allowsBackup);
  });

  it.each(ALGORITHMS)('%s: ignores weights exactly when usesWeights is false, and a weight of 0 always takes nothing', (algorithm) => {
    const weighted = sequence(algorithm, three(5, 1, 2));
    const flat = sequence(algorithm, three(1, 1, 1));
    if (traitsOf(algorithm).usesWeights) expect(weighted).not.toEqual(flat);
    else expect(weighted).toEqual(flat);
    expect(sequence(algorithm, three(0, 1, 2))).not.toContain(42001);
  });

  it.each(ALGORITHMS)('%s: agrees with the shared selectionWeight the dashboard’s expected share uses', (algorithm) => {
    expect(selectionWeight(algorithm, 3)).toBe(traitsOf(algorithm).usesWeights ? 3 : 1);
    expect(selectionWeight(algorithm, 0)).toBe(0);
  });

  it.each(ALGORITHMS)('%s: ramps a returning backend’s weight only when slowStart is true', (algorithm) => {
    const configs = [{ ...server(42001, 4), slowStartMs: 60_000 }, server(42002, 4), server(42003, 4)];
    let ramping = false;
    const returned = sequence(algorithm, configs, REQUESTS, (balancer) => {
      balancer.recovered(peerOf(balancer, 42001), 1_000);
      ramping = slowStartProgress(peerOf(balancer, 42001), algorithm, 1_000) !== null;
    });
    const steady = sequence(algorithm, configs);
    const { slowStart, usesWeights } = traitsOf(algorithm);
    expect(ramping).toBe(slowStart);
    // round-robin ramps too, but from weight 1 to weight 1: nothing shows.
    if (slowStart && usesWeights) expect(returned.filter((id) => id === 42001).length).toBeLessThan(steady.filter((id) => id === 42001).length);
    else expect(returned).toEqual(steady);
  });

  it.each(ALGORITHMS)('%s: reads the client address, the hash key or neither, as `reads` says', (algorithm) => {
    const configs = three(1, 1, 1);
    const base = sequence(algorithm, configs);
    const otherClients = sequence(algorithm, configs, REQUESTS.map((r, i) => ({ ...r, clientKey: `172.16.${i * 3}.9` })));
    const otherKeys = sequence(algorithm, configs, REQUESTS.map((r, i) => ({ ...r, hashKey: `/other/${i * 7}` })));
    const reads = traitsOf(algorithm).reads;
    expect(otherClients.join() !== base.join(), 'the choice follows the client address').toBe(reads === 'client-address');
    expect(otherKeys.join() !== base.join(), 'the choice follows the hash key').toBe(reads === 'hash-key');
  });

  it.each(ALGORITHMS)('%s: lists every hash key, each with its nginx and HAProxy form, exactly when it reads a hash key', (algorithm) => {
    const { reads, hashKeys } = traitsOf(algorithm);
    expect(hashKeys.map((key) => key.name)).toEqual(reads === 'hash-key' ? [...HASH_KEYS] : []);
    for (const key of hashKeys) expect([key.label, key.explain, key.nginx.length, key.haproxy.length].every(Boolean)).toBe(true);
  });
});
