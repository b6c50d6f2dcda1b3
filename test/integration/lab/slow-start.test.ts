import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { hammer } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';

useLabs();
const BASE = 27300;
const PROXY = 27380;

describe('slow start (nginx Plus `slow_start`, HAProxy `slowstart`) with a real restart', () => {
  it('a restarted backend gets clearly less than its share in its first second, and its full share later', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE, proxyPort: PROXY, weights: [10, 10], slowStartMs: 2000 });
    const [steady, restarted] = lab.snapshot().backends.map((b) => b.port) as [number, number];
    await lab.backendAction(restarted, 'kill');
    await lab.backendAction(restarted, 'start');
    const url = `http://127.0.0.1:${PROXY}/whoami`;

    // `start` resolves when the process is up, which is when its ramp began.
    const ramping = lab.snapshot().backends.find((b) => b.port === restarted)!;
    expect(ramping.slowStartMs).toBe(2000);
    expect(ramping.slowStartProgress).not.toBeNull();
    expect(ramping.slowStartProgress!).toBeLessThan(0.5);
    const early = await hammer(url, 4, sleep(1000));
    await sleep(1200);
    expect(lab.snapshot().backends.find((b) => b.port === restarted)!.slowStartProgress).toBeNull();
    const late = await hammer(url, 4, sleep(1000));

    const share = (load: typeof early): number => (load.byBackend.get(String(restarted)) ?? 0) / load.ok;
    expect(early.failed).toEqual([]);
    expect(late.failed).toEqual([]);
    expect(early.byBackend.get(String(steady))).toBeGreaterThan(0);
    // Weights 10:10 ramp as ceil(10 * t / 2 s): about a quarter of its share over the first second, half later.
    expect(share(early)).toBeLessThan(0.38);
    expect(share(late)).toBeGreaterThan(0.42);
    expect(share(early)).toBeLessThan(share(late) - 0.1);
  });
});
