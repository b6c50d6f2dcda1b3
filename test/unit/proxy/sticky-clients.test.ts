import { describe, expect, it } from 'vitest';
import { StickyClients } from '../../../electron/lab/proxy/sticky-clients';

describe('StickyClients', () => {
  it('counts distinct clients per backend and moves a client that moved', () => {
    const clients = new StickyClients();
    clients.seen('a', 4000, 0);
    clients.seen('a', 4000, 1);
    clients.seen('b', 4000, 2);
    clients.seen('c', 4001, 3);
    expect([clients.count(4000, 3), clients.count(4001, 3)]).toEqual([2, 1]);
    clients.seen('b', 4001, 4);
    expect([clients.count(4000, 4), clients.count(4001, 4)]).toEqual([1, 2]);
  });

  it('forgets clients not seen within the ttl, and keeps ones seen again', () => {
    const clients = new StickyClients(100, 1000);
    clients.seen('old', 4000, 0);
    clients.seen('kept', 4000, 0);
    clients.seen('kept', 4000, 900);
    expect(clients.count(4000, 1500)).toBe(1);
    expect(clients.count(4000, 2000)).toBe(0);
    // Counting is a read; the lab's clock drops the idle clients.
    expect(clients.size).toBe(2);
    clients.expire(2000);
    expect(clients.size).toBe(0);
  });

  it('never holds more than its capacity, dropping the least recently seen', () => {
    const clients = new StickyClients(3, 60_000);
    for (let i = 0; i < 10_000; i++) clients.seen(`client-${i}`, 4000 + (i % 2), i);
    expect(clients.size).toBe(3);
    expect(clients.count(4000, 10_000) + clients.count(4001, 10_000)).toBe(3);
  });

  it('forgets every client of a port whose process is gone', () => {
    const clients = new StickyClients();
    clients.seen('a', 4000, 0);
    clients.seen('b', 4001, 0);
    clients.forgetPort(4000);
    expect([clients.count(4000, 0), clients.count(4001, 0), clients.size]).toEqual([0, 1, 1]);
  });
});
