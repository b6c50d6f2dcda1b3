import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { get, hammer } from '../../support/http-client';
import { expectStatus, startLab, statusOf, useLabs } from '../../support/lab-fixture';

useLabs();
const BASE = 22100;
const PROXY = 22180;

describe('failover under concurrent load', () => {
  it('stopping a backend from the lab fails no request: it leaves rotation before it stops', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    const [, middle] = lab.snapshot().backends.map((b) => b.port) as [number, number, number];
    const stopped = (async () => {
      await sleep(700);
      await lab.backendAction(middle, 'stop');
      const hitsAtStop = lab.snapshot().backends.find((b) => b.port === middle)!.hits;
      await sleep(700);
      return hitsAtStop;
    })();
    const load = await hammer(`http://127.0.0.1:${PROXY}/`, 8, stopped);
    const hitsAtStop = await stopped;

    expect(load.failed).toEqual([]);
    expect(load.ok).toBeGreaterThan(100);
    const after = lab.snapshot().backends.find((b) => b.port === middle)!;
    expect(after.status).toBe('stopped');
    expect(after.hits).toBe(hitsAtStop);
    expect(after.failures).toBe(0);
    // The other two took every request after the stop.
    const total = lab.snapshot().backends.reduce((sum, b) => sum + b.hits, 0);
    expect(total).toBe(load.ok);
  });

  it('SIGKILL of a backend under load fails no client request, marks it down, and restart brings it back into rotation', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE + 10, proxyPort: PROXY + 1 });
    const [, victim] = lab.snapshot().backends.map((b) => b.port) as [number, number, number];
    const killed = (async () => {
      await sleep(700);
      await lab.backendAction(victim, 'kill');
      await sleep(700);
    })();
    const load = await hammer(`http://127.0.0.1:${PROXY + 1}/`, 8, killed);

    expect(load.failed).toEqual([]);
    const down = lab.snapshot().backends.find((b) => b.port === victim)!;
    expect(down.status).toBe('crashed');
    expect(down.exit?.signal).toBe('SIGKILL');
    expect(down.inRotation).toBe(false);
    const hitsWhileDown = down.hits;

    // Nothing reaches it while it is down.
    for (let i = 0; i < 30; i++) expect((await get(`http://127.0.0.1:${PROXY + 1}/whoami`)).headers['x-lab-backend']).not.toBe(String(victim));

    await lab.backendAction(victim, 'restart');
    await expectStatus(lab, () => statusOf(lab, victim) === 'up');
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add(String((await get(`http://127.0.0.1:${PROXY + 1}/whoami`)).headers['x-lab-backend']));
    expect(seen.has(String(victim))).toBe(true);
    const back = lab.snapshot().backends.find((b) => b.port === victim)!;
    expect(back.hits).toBeGreaterThan(hitsWhileDown);
    expect(back.restarts).toBe(1);
  });
});
