import { describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { LabError } from '../../../electron/lab/lab-error';
import { LabProxy } from '../../../electron/lab/proxy/lab-proxy';
import { LabStats } from '../../../electron/lab/stats/lab-stats';
import type { Fault } from '../../../electron/shared/fault';

// Never listens: only the inputs are under test.
const newProxy = (): LabProxy => new LabProxy({ host: '127.0.0.1', port: 0, balancer: createBalancer('round-robin', []), stats: new LabStats() });

function refusal(action: () => unknown): LabError {
  try {
    action();
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error('was not refused');
}

describe('LabProxy inputs', () => {
  it('refuses every bad fault with a 400 naming the field and keeps the fault it had', () => {
    const proxy = newProxy();
    proxy.setFault(4000, { latencyMs: 200 });
    const bad: [unknown, string][] = [
      [{ errorRate: 1.2 }, 'errorRate'],
      [{ latencyMs: -1 }, 'latencyMs'],
      [{ errorRate: 1, errorStatus: 700 }, 'errorStatus'],
      [{ resetRate: -1 }, 'resetRate'],
      [{ hang: true, wobble: 1 }, 'wobble'],
    ];
    for (const [input, field] of bad) {
      const error = refusal(() => proxy.setFault(4000, input as Fault));
      expect(error.status).toBe(400);
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    }
    expect(proxy.fault(4000)).toEqual({ latencyMs: 200 });
    expect(proxy.fault(4001)).toBeNull();
  });

  it('refuses bad settings naming the field, in the options and live, and keeps the settings it had', () => {
    expect(refusal(() => new LabProxy({ host: '127.0.0.1', port: 0, balancer: createBalancer('round-robin', []), stats: new LabStats(), settings: { readTimeoutMs: 0 } })).field).toBe('readTimeoutMs');
    const proxy = newProxy();
    proxy.configure({ readTimeoutMs: 500 });
    const before = proxy.settings;
    for (const [input, field] of [
      [{ connectTimeoutMs: -1 }, 'connectTimeoutMs'],
      [{ nextUpstream: ['sometimes'] }, 'nextUpstream.0'],
      [{ nextUpstreamTries: 1.5 }, 'nextUpstreamTries'],
      [{ readTimeoutMs: 100, verbose: true }, 'verbose'],
    ] as const) {
      expect(refusal(() => proxy.configure(input)).field).toBe(field);
    }
    expect(proxy.settings).toEqual(before);
    expect(before.readTimeoutMs).toBe(500);
  });

  it('hands out copies of its settings, so a caller cannot change them behind its back', () => {
    const proxy = newProxy();
    proxy.settings.nextUpstream.push('http_500');
    expect(proxy.settings.nextUpstream).toEqual(['error', 'timeout']);
  });
});
