import { systemClock } from '../../../electron/lab/clock';
import { afterEach, describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { checkOnce, type CheckTarget } from '../../../electron/lab/health/check-once';
import { HealthChecker } from '../../../electron/lab/health/health-checker';
import { LabProxy } from '../../../electron/lab/proxy/lab-proxy';
import { LabStats } from '../../../electron/lab/stats/lab-stats';
import { closeAll, onCleanup, startBackend, until } from './helpers';

// Ports 26200-26249 belong to this file.
const BASE = 26200;
const target = (port: number, timeoutMs = 1000): CheckTarget => ({ host: '127.0.0.1', port, path: '/health', timeoutMs });

afterEach(closeAll);

describe('health checks through a backend’s fault', () => {
  it('judges an injected error as that status from the backend, and never reaches it', async () => {
    const backend = await startBackend(BASE);
    expect(await checkOnce(target(BASE), undefined, { kind: 'error', delayMs: 0, status: 503 })).toEqual({ ok: false, text: expect.stringMatching(/^503 in \d+ ms \(injected\)$/) });
    expect((await checkOnce(target(BASE), undefined, { kind: 'error', delayMs: 0, status: 204 })).ok).toBe(true);
    expect(backend.requests).toHaveLength(0);
  });

  it('fails an injected reset and an injected hang (as a timeout), and a latency at or over the check timeout', async () => {
    const backend = await startBackend(BASE + 1);
    expect(await checkOnce(target(BASE + 1), undefined, { kind: 'reset', delayMs: 0 })).toEqual({ ok: false, text: 'connection reset (injected)' });
    expect(await checkOnce(target(BASE + 1, 50), undefined, { kind: 'hang', delayMs: 0 })).toEqual({ ok: false, text: 'timed out after 50 ms' });
    expect(await checkOnce(target(BASE + 1, 50), undefined, { kind: 'forward', delayMs: 50 })).toEqual({ ok: false, text: 'timed out after 50 ms' });
    expect(backend.requests).toHaveLength(0);
  });

  it('passes a check delayed less than its timeout, which then really reaches the backend', async () => {
    const backend = await startBackend(BASE + 2);
    const result = await checkOnce(target(BASE + 2, 2000), undefined, { kind: 'forward', delayMs: 30 });
    expect(result.ok).toBe(true);
    expect(backend.requests).toHaveLength(1);
  });

  it('ends a check waiting on a fault at once when it is cancelled', async () => {
    const controller = new AbortController();
    const pending = checkOnce(target(BASE + 3, 60_000), controller.signal, { kind: 'hang', delayMs: 0 });
    controller.abort();
    expect(await pending).toEqual({ ok: false, text: 'cancelled' });
  });

  it('takes a backend with an error fault out via the checker fed by the proxy’s fault hook, and brings it back when the fault is cleared', async () => {
    await startBackend(BASE + 4);
    const proxy = new LabProxy({ host: '127.0.0.1', port: 0, balancer: createBalancer('round-robin', []), stats: new LabStats() });
    const health = new HealthChecker({ path: '/health', intervalMs: 100, rise: 1, fall: 2 }, () => undefined, systemClock, proxy.faultHook);
    onCleanup(() => health.stop());
    health.watch(BASE + 4);
    await until(() => health.state(BASE + 4)?.state === 'passing', 'the backend is passing');
    proxy.setFault(BASE + 4, { errorRate: 1, errorStatus: 503 });
    await until(() => health.state(BASE + 4)?.state === 'failing', 'the faulty backend is failing');
    expect(health.state(BASE + 4)?.lastResult).toMatch(/^503 .*\(injected\)$/);
    proxy.setFault(BASE + 4, null);
    await until(() => health.state(BASE + 4)?.state === 'passing', 'the backend is passing again');
  });
});
