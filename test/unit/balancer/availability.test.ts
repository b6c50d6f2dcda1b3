import { describe, expect, it } from 'vitest';
import { isFailed, isFull, isUsable, selectionWeight } from '../../../electron/lab/balancer/availability';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Peer } from '../../../electron/lab/balancer/types';
import { server } from './peers';

function peer(maxFails = 1, failTimeoutMs = 10_000): Peer {
  const [only] = createBalancer('weighted', [server(42001, 2, maxFails, failTimeoutMs)]).peers;
  if (only === undefined) throw new Error('no peer');
  return only;
}

describe('selectionWeight', () => {
  it('takes every positive weight as 1 for round-robin but keeps 0', () => {
    expect([5, 1, 0].map((w) => selectionWeight('round-robin', w))).toEqual([1, 1, 0]);
  });

  it('uses the configured weight for weighted and least-conn', () => {
    expect(selectionWeight('weighted', 5)).toBe(5);
    expect(selectionWeight('least-conn', 3)).toBe(3);
  });
});

describe('isFailed', () => {
  it('holds a peer at max_fails out up to and including fail_timeout after its last check', () => {
    const p = peer(2);
    Object.assign(p, { fails: 2, checked: 1_000 });

    expect(isFailed(p, 11_000)).toBe(true);
    expect(isFailed(p, 11_001)).toBe(false);
  });

  it('does not hold out a peer below max_fails', () => {
    expect(isFailed(Object.assign(peer(2), { fails: 1, checked: 1_000 }), 1_000)).toBe(false);
  });

  it('never holds out a peer when max_fails is 0', () => {
    expect(isFailed(Object.assign(peer(0), { fails: 99, checked: 1_000 }), 1_000)).toBe(false);
  });
});

describe('isUsable', () => {
  it('rejects tried, down and weight 0 peers', () => {
    const p = peer();

    expect(isUsable(p, null, 0)).toBe(true);
    expect(isUsable(p, new Set([p]), 0)).toBe(false);
    expect(isUsable({ ...p, down: true }, null, 0)).toBe(false);
    expect(isUsable({ ...p, weight: 0 }, null, 0)).toBe(false);
  });
});

describe('isFull', () => {
  it('holds a peer out once its in-flight requests reach max_conns, and never when max_conns is 0', () => {
    const p = peer();

    expect(isFull({ ...p, maxConns: 2, conns: 1 })).toBe(false);
    expect(isFull({ ...p, maxConns: 2, conns: 2 })).toBe(true);
    expect(isFull({ ...p, maxConns: 0, conns: 1_000 })).toBe(false);
  });
});

describe('isUsable: drain and max_conns', () => {
  it('rejects a draining peer and a peer at max_conns', () => {
    const p = peer();

    expect(isUsable({ ...p, drain: true }, null, 0)).toBe(false);
    expect(isUsable({ ...p, maxConns: 1, conns: 1 }, null, 0)).toBe(false);
  });
});
