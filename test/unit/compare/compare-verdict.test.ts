import { describe, expect, it } from 'vitest';
import { compareVerdict } from '../../../electron/lab/compare/compare-verdict';
import { distinctLabels, sideLabel } from '../../../electron/lab/compare/side-label';
import { emptyLoadErrors } from '../../../electron/shared/load';
import type { CompareRun } from '../../../electron/shared/compare';

function run(label: string, byBackend: Record<string, number>, p99: number, over: Partial<CompareRun> = {}): CompareRun {
  const requests = Object.values(byBackend).reduce((a, b) => a + b, 0);
  return {
    label,
    algorithm: 'round-robin',
    load: { requests, durationS: 1, rps: requests, latencyMs: { p50: 1, p90: 2, p99, p999: p99, max: p99 }, byBackend },
    errors: emptyLoadErrors(),
    proxy: { requests, retries: 0, failures: 0, byBackend },
    ...over,
  };
}

describe('the verdict of a comparison', () => {
  it('names the slow backend and both shares of it, then p99 with thousands separators', () => {
    const a = run('least-conn', { '4000': 455, '4001': 90, '4002': 455 }, 210);
    const b = run('round-robin', { '4000': 334, '4001': 333, '4002': 333 }, 1840);
    expect(compareVerdict(a, b, new Set(['4001']))).toBe('least-conn sent 9% to the slow backend 4001, round-robin 33%; p99 210 ms vs 1,840 ms');
  });

  it('without a slow backend names the backend whose share moved most', () => {
    const a = run('weighted', { '8001': 400, '8002': 600 }, 5);
    const b = run('round-robin', { '8001': 500, '8002': 500 }, 5);
    expect(compareVerdict(a, b)).toBe('weighted sent 40% to 8001, round-robin 50%; p99 5 ms vs 5 ms');
  });

  it('says the spread is alike when no share differs by a point, and adds failures and retries only when there are any', () => {
    const a = run('ip-hash', { '1': 500, '2': 500 }, 3, { proxy: { requests: 1000, retries: 4, failures: 4, byBackend: { '1': 500, '2': 500 } } });
    const b = run('hash', { '1': 501, '2': 499 }, 3, { errors: { ...emptyLoadErrors(), http5xx: 2 } });
    expect(compareVerdict(a, b)).toBe("ip-hash and hash spread the requests alike (no backend's share differs by 1 point or more); p99 3 ms vs 3 ms; failed requests 0 vs 2; retries 4 vs 0");
  });
});

describe('a side without a label', () => {
  it('is called by its method and what else it changes, and two alike sides are told apart', () => {
    expect(sideLabel({ balancer: { algorithm: 'hash', hashKey: 'path' } }, 'hash')).toBe('hash, key path');
    expect(sideLabel({ balancer: { sticky: true }, proxy: { nextUpstream: [], nextUpstreamTries: 2 } }, 'round-robin')).toBe('round-robin, sticky, no retries, 2 tries');
    expect(sideLabel({ label: 'mine' }, 'weighted')).toBe('mine');
    expect(distinctLabels('weighted', 'weighted')).toEqual({ a: 'weighted (a)', b: 'weighted (b)' });
  });
});
