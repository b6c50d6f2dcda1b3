import { afterEach, describe, expect, it } from 'vitest';
import { exportHaproxy, type LabSetup } from '../../../electron/lab/setup';
import { get } from '../../support/http-client';
import type { Lab } from '../../../electron/lab/lab';
import { useLabs } from '../../support/lab-fixture';
import { startLabFromSetup } from '../../support/lab-from-setup';
import { haproxyForTest, pollUntil, type RealBalancer, scratchDir, startHaproxy } from '../../support/real-balancers';

useLabs();
const BASE = 21560;
const LAB = 21580;
const HAPROXY_PORT = 21581;

const running: RealBalancer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

async function whoAnswers(port: number): Promise<number> {
  const reply = await get(`http://127.0.0.1:${port}/whoami`, false, { accept: 'application/json' });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as { port: number }).port;
}

/** Per-port counts of `n` sequential requests, in backend order. */
async function counts(port: number, n: number, ports: readonly number[]): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) seen.push(await whoAnswers(port));
  return ports.map((p) => seen.filter((s) => s === p).length);
}

function setupOf(backends: Partial<LabSetup['backends'][number]>[], rest: Partial<LabSetup> = {}): LabSetup {
  return { version: 1, proxy: { port: LAB, algorithm: 'weighted' }, backends: backends.map((b, i) => ({ port: BASE + i, ...b })), ...rest };
}

async function labAndHaproxy(setup: LabSetup): Promise<{ lab: Lab; ports: number[] }> {
  const lab = await startLabFromSetup(setup);
  const dir = scratchDir('haproxy-rt');
  running.push(await startHaproxy(haproxyForTest(exportHaproxy(setup), HAPROXY_PORT), dir, HAPROXY_PORT));
  return { lab, ports: setup.backends.map((b) => b.port) };
}

describe('the exported haproxy.cfg makes the real HAProxy share as the lab does', () => {
  it.each([[[4, 6]], [[3, 5, 2]], [[5, 1, 1]]])('weights %j give each server the same count over whole weight cycles', async (weights) => {
    const { ports } = await labAndHaproxy(setupOf(weights.map((weight) => ({ weight }))));
    const cycles = 3 * weights.reduce((a, b) => a + b, 0);
    const viaLab = await counts(LAB, cycles, ports);
    expect(viaLab).toEqual(weights.map((w) => 3 * w));
    expect(await counts(HAPROXY_PORT, cycles, ports)).toEqual(viaLab);
  });

  it('a disabled (down) server gets nothing through either, and the others share by weight', async () => {
    const { ports } = await labAndHaproxy(setupOf([{ weight: 2 }, { weight: 3, down: true }, { weight: 1 }]));
    const viaLab = await counts(LAB, 9, ports);
    expect(viaLab).toEqual([6, 0, 3]);
    expect(await counts(HAPROXY_PORT, 9, ports)).toEqual(viaLab);
  });

  it('the backup gets nothing while a primary is up, and everything once the health checks find both primaries stopped', async () => {
    const setup = setupOf([{}, {}, { backup: true }], { health: { path: '/health', intervalMs: 200, rise: 1, fall: 1 } });
    const { lab, ports } = await labAndHaproxy(setup);
    const viaLab = await counts(LAB, 6, ports);
    expect(viaLab).toEqual([3, 3, 0]);
    expect(await counts(HAPROXY_PORT, 6, ports)).toEqual(viaLab);

    await lab.backendAction(BASE, 'stop');
    await lab.backendAction(BASE + 1, 'stop');
    // HAProxy moves to the backup only when its checks mark both primaries down (fall 1): wait for that, bounded.
    // Until then a request may find both primaries refusing and get HAProxy's 503.
    const backupAnswers = async (): Promise<boolean> => {
      const reply = await get(`http://127.0.0.1:${HAPROXY_PORT}/whoami`, false, { accept: 'application/json' });
      return reply.status === 200 && (JSON.parse(reply.body) as { port: number }).port === BASE + 2;
    };
    expect(await pollUntil(backupAnswers, 15_000)).toBe(true);
    expect(await counts(LAB, 6, ports)).toEqual([0, 0, 6]);
    expect(await counts(HAPROXY_PORT, 6, ports)).toEqual([0, 0, 6]);
  });
});
