import { describe, expect, it } from 'vitest';
import { clientAddress, RequestMix } from '../../../electron/lab/load/request-mix';

describe('RequestMix', () => {
  it('sends paths in the exact proportion of their weights, spread out rather than in runs', () => {
    const mix = new RequestMix({ paths: [{ path: '/a', weight: 3 }, { path: '/b', weight: 1 }], clients: 0 });
    const paths = Array.from({ length: 8 }, () => mix.next().path);
    expect(paths.filter((p) => p === '/a')).toHaveLength(6);
    expect(paths.join(' ')).not.toContain('/b /b');
    expect(paths.slice(0, 4).filter((p) => p === '/b')).toHaveLength(1);
  });

  it('sends no X-Forwarded-For without clients', () => {
    expect(new RequestMix({ paths: [{ path: '/', weight: 1 }], clients: 0 }).next().forwardedFor).toBeNull();
  });

  it('takes the simulated clients in turn, each in a /24 of its own (ip_hash hashes the /24)', () => {
    const mix = new RequestMix({ paths: [{ path: '/', weight: 1 }], clients: 300 });
    const addresses = Array.from({ length: 301 }, () => mix.next().forwardedFor!);
    expect(addresses[0]).toBe('10.0.0.1');
    expect(addresses[299]).toBe('10.1.43.1');
    expect(addresses[300]).toBe(addresses[0]);
    const slash24 = new Set(addresses.slice(0, 300).map((a) => a.split('.').slice(0, 3).join('.')));
    expect(slash24.size).toBe(300);
  });

  it('gives the last of 65 536 clients an address of its own', () => {
    expect(clientAddress(65_535)).toBe('10.255.255.1');
  });
});
