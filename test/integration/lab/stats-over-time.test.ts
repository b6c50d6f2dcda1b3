import { describe, expect, it } from 'vitest';
import { get } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';
import { ManualClock } from '../../support/manual-clock';
import { LATENCY_WINDOW_MS, RECENT_HITS_WINDOW_MS } from '../../../electron/shared/stat-windows';

useLabs();
const BASE = 21000;
const PROXY = 21080;
const TICK_MS = 100;

describe('the snapshot figures over time, with real backends and the lab clock driven by hand', () => {
  it('carries the last second of latency and the last 10 s of hits, and a stopped backend leaves both', async () => {
    const clock = new ManualClock();
    const lab = await startLab({ backends: 2, basePort: BASE, proxyPort: PROXY, clock, snapshotIntervalMs: TICK_MS });
    const [kept, stopped] = lab.snapshot().backends.map((b) => b.port) as [number, number];
    const url = `http://127.0.0.1:${PROXY}/`;

    for (let i = 0; i < 10; i++) expect((await get(url)).status).toBe(200);
    // Until the clock ticks, the window has not seen them.
    expect(lab.snapshot().proxy.latencyWindowMs).toBeNull();
    clock.advance(TICK_MS);
    let snapshot = lab.snapshot();
    expect(snapshot.proxy.latencyWindowMs).not.toBeNull();
    for (const backend of snapshot.backends) {
      expect(backend.hits).toBeGreaterThan(0);
      expect(backend.hits10s).toBe(backend.hits);
      expect(backend.latencyWindowMs).not.toBeNull();
      expect(backend.latencyWindowMs!.p99).toBeGreaterThanOrEqual(backend.latencyWindowMs!.p50);
    }

    await lab.backendAction(stopped, 'stop');
    for (let i = 0; i < 4; i++) expect((await get(url)).status).toBe(200);
    clock.advance(TICK_MS);
    snapshot = lab.snapshot();
    const row = (port: number) => snapshot.backends.find((b) => b.port === port)!;
    expect(row(kept).hits10s).toBe(row(kept).hits);
    expect(row(stopped).hits10s).toBe(row(stopped).hits);
    // A second after its last response, a backend has no latency figure; once none answered, the proxy has none.
    clock.advance(LATENCY_WINDOW_MS - TICK_MS);
    snapshot = lab.snapshot();
    expect(row(stopped).latencyWindowMs).toBeNull();
    expect(row(kept).latencyWindowMs).not.toBeNull();
    clock.advance(TICK_MS);
    snapshot = lab.snapshot();
    expect(row(kept).latencyWindowMs).toBeNull();
    expect(snapshot.proxy.latencyWindowMs).toBeNull();

    clock.advance(RECENT_HITS_WINDOW_MS);
    snapshot = lab.snapshot();
    expect(row(stopped).hits10s).toBe(0);
    expect(row(kept).hits10s).toBe(0);
    expect(row(stopped).hits).toBeGreaterThan(0);
  });
});
