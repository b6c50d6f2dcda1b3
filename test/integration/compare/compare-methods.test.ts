import { describe, expect, it } from 'vitest';
import { startLab, useLabs } from '../../support/lab-fixture';
import type { CompareRun } from '../../../electron/shared/compare';

useLabs();

const BASE = 22600;
const PROXY = 22690;
const SLOW = BASE + 1;
const PROFILE = { rate: 150, durationS: 2 };

const share = (run: CompareRun, port: number): number => (run.proxy.byBackend[String(port)] ?? 0) / run.proxy.requests;

describe('comparing two methods under one hammer profile', () => {
  it('least-conn gives a slow backend a clearly smaller share than round-robin, and the hammer and the proxy count the same', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY, algorithm: 'weighted' });
    await lab.setFault(SLOW, { latencyMs: 200 });
    const started = lab.startCompare({ a: { balancer: { algorithm: 'round-robin' } }, b: { balancer: { algorithm: 'least-conn' } }, load: PROFILE });
    expect(started).toMatchObject({ state: 'running', running: 'a', labels: { a: 'round-robin', b: 'least-conn' } });
    expect(lab.snapshot().proxy.compare.state).toBe('running');

    const end = await lab.compareEnded();
    expect(end.state).toBe('done');
    const { a, b, verdict } = end.result!;
    expect([a.algorithm, b.algorithm]).toEqual(['round-robin', 'least-conn']);
    for (const run of [a, b]) {
      // Counters start at zero for each run, so each side's counts are its own run's.
      expect(run.proxy.requests).toBe(run.load.requests);
      expect(run.proxy.byBackend).toEqual(run.load.byBackend);
      expect(Object.values(run.errors).every((n) => n === 0)).toBe(true);
    }
    expect(share(b, SLOW)).toBeLessThan(share(a, SLOW) / 2);
    expect(verdict).toContain(`round-robin sent ${Math.round(share(a, SLOW) * 100)}% to the slow backend ${SLOW}, least-conn ${Math.round(share(b, SLOW) * 100)}%`);
    expect(verdict).toMatch(/p99 [\d,]+ ms vs [\d,]+ ms/);
    // The lab's own method is back, and both ends are in the event log.
    expect(lab.snapshot().proxy.algorithm).toBe('weighted');
    const words = lab.recentEvents().map((e) => e.message);
    expect(words).toContain('compare started: round-robin vs least-conn');
    expect(words).toContain(`compare done: ${verdict}`);
    expect(lab.compareStatus()).toEqual(end);
  }, 30_000);

  it('two settings of one method get labels that tell them apart, and the proxy settings come back too', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 10, proxyPort: PROXY + 1 });
    const before = lab.snapshot().proxy;
    lab.startCompare({ a: { proxy: { connectTimeoutMs: 300 } }, b: {}, load: { requests: 40, rate: 200 } });
    const end = await lab.compareEnded();
    expect(end.state).toBe('done');
    expect(end.labels).toEqual({ a: `${before.algorithm}, connect timeout 300 ms`, b: before.algorithm });
    expect(lab.snapshot().proxy.connectTimeoutMs).toBe(before.connectTimeoutMs);
    expect(end.result!.a.proxy.requests + end.result!.b.proxy.requests).toBe(80);
  }, 30_000);

  it('refuses to start while the hammer or another comparison runs, and a stop ends it with the settings put back', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 20, proxyPort: PROXY + 2, algorithm: 'weighted' });
    await lab.startLoad({ rate: 50, durationS: 5 });
    expect(() => lab.startCompare({ a: {}, b: {} })).toThrow(expect.objectContaining({ status: 409, field: 'load' }));
    await lab.stopLoad();

    lab.startCompare({ a: { balancer: { algorithm: 'least-conn' } }, b: { balancer: { algorithm: 'round-robin' } }, load: { rate: 50, durationS: 10 } });
    expect(() => lab.startCompare({ a: {}, b: {} })).toThrow(expect.objectContaining({ status: 409, field: 'compare' }));
    const stopped = await lab.stopCompare();
    expect(stopped).toMatchObject({ state: 'stopped', running: null, result: null });
    expect(lab.snapshot().proxy.algorithm).toBe('weighted');
    expect(lab.loadStatus().state).toBe('stopped');
  }, 30_000);

  it('a side the lab refuses fails the comparison in words and changes nothing', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 30, proxyPort: PROXY + 3, algorithm: 'weighted' });
    await lab.patchBackend(BASE + 31, { backup: true });
    lab.startCompare({ a: { balancer: { algorithm: 'round-robin' } }, b: { balancer: { algorithm: 'ip-hash' } }, load: { requests: 20, rate: 100 } });
    const end = await lab.compareEnded();
    expect(end.state).toBe('failed');
    expect(end.reason).toMatch(/ip-hash/);
    expect(lab.snapshot().proxy.algorithm).toBe('weighted');
  }, 30_000);
});
