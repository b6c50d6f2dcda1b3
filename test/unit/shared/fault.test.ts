import { describe, expect, it } from 'vitest';
import { describeFault, faultSchema } from '../../../electron/shared/fault';
import { parseInput } from '../../../electron/shared/schemas';

describe('faultSchema', () => {
  it.each([
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ errorRate: -0.1 }, 'errorRate'],
    [{ resetRate: 2 }, 'resetRate'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latencyMs: 1.5 }, 'latencyMs'],
    [{ latencyMs: 100, jitterMs: -5 }, 'jitterMs'],
    [{ latencyMs: 100, jitterMs: 150 }, 'jitterMs'],
    [{ errorRate: 0.5, errorStatus: 99 }, 'errorStatus'],
    [{ errorRate: 0.5, errorStatus: 600 }, 'errorStatus'],
    [{ errorStatus: 503 }, 'errorStatus'],
    [{ hang: 'yes' }, 'hang'],
    [{ latencyMs: '200' }, 'latencyMs'],
    [{ latency: 200 }, 'latency'],
    [{}, 'fault'],
    [null, 'fault'],
  ])('refuses %j naming %s', (input, field) => {
    const result = parseInput(faultSchema, input, 'fault');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe(field);
  });

  it('accepts each field within its range', () => {
    const result = parseInput(faultSchema, { latencyMs: 200, jitterMs: 50, errorRate: 0.3, errorStatus: 503, hang: false, resetRate: 0.2 }, 'fault');
    expect(result.ok).toBe(true);
  });
});

describe('describeFault', () => {
  it.each([
    [{ latencyMs: 200, jitterMs: 50 }, '+200 ms ±50'],
    [{ latencyMs: 300 }, '+300 ms'],
    [{ errorRate: 0.3, errorStatus: 503 }, '30% → 503'],
    [{ errorRate: 1 }, '100% → 500'],
    [{ errorRate: 0.005 }, '0.5% → 500'],
    [{ hang: true, latencyMs: 100 }, 'hung'],
    [{ resetRate: 0.2 }, '20% reset'],
    [{ latencyMs: 100, errorRate: 0.1, resetRate: 0.05 }, '+100 ms, 10% → 500, 5% reset'],
    [{ errorRate: 0, hang: false }, 'none'],
  ])('words %j as %s', (fault, words) => {
    expect(describeFault(fault)).toBe(words);
  });
});
