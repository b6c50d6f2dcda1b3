import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { BACKUP_FORBIDDEN, type PeerConfig } from '../../../electron/lab/balancer/types';
import { mustPick, peerOf, serveMany, server } from './peers';

const backup = (id: number, weight = 1): PeerConfig => ({ ...server(id, weight), backup: true });

describe('backup peers', () => {
  it.each(['round-robin', 'weighted', 'least-conn', 'least-time'] as const)(
    'are used only while every primary is unusable, and released when one returns (%s)',
    (algorithm) => {
      const balancer = createBalancer(algorithm, [server(42001), server(42002), backup(42003)]);
      expect(serveMany(balancer, 6)).not.toContain(42003);

      peerOf(balancer, 42001).down = true;
      peerOf(balancer, 42002).down = true;
      expect(serveMany(balancer, 3)).toEqual([42003, 42003, 42003]);

      peerOf(balancer, 42002).down = false;
      expect(serveMany(balancer, 3)).toEqual([42002, 42002, 42002]);
    },
  );

  it('take a request whose primaries were all tried, as nginx did for request 7 of the backup recording', () => {
    const balancer = createBalancer('round-robin', [server(42001), server(42002), backup(42003)]);
    const tried = new Set([mustPick(balancer, 1_000)]);
    tried.add(mustPick(balancer, 1_000, tried));

    expect(mustPick(balancer, 1_000, tried).id).toBe(42003);
  });

  it('keep a request that switched to them for its retries, even if a primary came back meanwhile', () => {
    const balancer = createBalancer('weighted', [server(42001), backup(42002), backup(42003)]);
    peerOf(balancer, 42001).down = true;
    const first = mustPick(balancer, 1_000);
    peerOf(balancer, 42001).down = false;

    expect(first.id).toBe(42002);
    expect(mustPick(balancer, 1_001, new Set([first])).id).toBe(42003);
  });

  it('are balanced among themselves by the same method', () => {
    const balancer = createBalancer('weighted', [server(42001), backup(42002, 2), backup(42003, 1)]);
    peerOf(balancer, 42001).down = true;

    expect(serveMany(balancer, 6)).toEqual([42002, 42003, 42002, 42002, 42003, 42002]);
  });

  it.each(['ip-hash', 'hash', 'random-two'] as const)('cannot be configured with %s, which nginx forbids', (algorithm) => {
    expect(() => createBalancer(algorithm, [server(42001), backup(42002)])).toThrow(BACKUP_FORBIDDEN);
  });

  it('leave the balancer unchanged when configure refuses them', () => {
    const balancer = createBalancer('weighted', [server(42001), backup(42002)]);
    const before = [...balancer.peers];

    expect(() => balancer.configure('ip-hash', [server(42001), backup(42002), server(42003)])).toThrow(
      'backup servers cannot be used with ip-hash, hash or random-two (nginx forbids it)',
    );
    expect(balancer.algorithm).toBe('weighted');
    expect(balancer.peers).toEqual(before);
  });
});
