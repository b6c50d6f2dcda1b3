import { afterEach, describe, expect, it } from 'vitest';
import { exportNginx, type LabSetup } from '../../../electron/lab/setup';
import { get } from '../../support/http-client';
import { useLabs } from '../../support/lab-fixture';
import { startLabFromSetup } from '../../support/lab-from-setup';
import { nginxForTest, type RealBalancer, scratchDir, startNginx } from '../../support/real-balancers';

useLabs();
const BASE = 21520;
const LAB = 21540;
const NGINX_PORT = 21541;

const running: RealBalancer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

/** Who answered each GET, one new connection per request, as the recorded nginx reference was taken. */
async function answers(port: number, paths: readonly string[], headers: (i: number) => Record<string, string> = () => ({})): Promise<number[]> {
  const ports: number[] = [];
  for (const [i, path] of paths.entries()) {
    const reply = await get(`http://127.0.0.1:${port}${path}`, false, { accept: 'application/json', ...headers(i) });
    expect(reply.status, `${path} via ${port}`).toBe(200);
    ports.push((JSON.parse(reply.body) as { port: number }).port);
  }
  return ports;
}

/** The lab from `setup`, and Debian's nginx on the lab's exported nginx.conf in front of the same backends. */
async function labAndNginx(setup: LabSetup): Promise<void> {
  await startLabFromSetup(setup);
  const dir = scratchDir('nginx-rt');
  running.push(await startNginx(nginxForTest(exportNginx(setup), dir, NGINX_PORT), dir, NGINX_PORT));
}

function setupOf(proxy: Partial<LabSetup['proxy']>, backends: Partial<LabSetup['backends'][number]>[]): LabSetup {
  return { version: 1, proxy: { port: LAB, algorithm: 'weighted', ...proxy }, backends: backends.map((b, i) => ({ port: BASE + i, ...b })) };
}

const times = (n: number, path = '/whoami'): string[] => Array.from({ length: n }, () => path);

describe('the exported nginx.conf makes the real nginx answer as the lab does', () => {
  it.each([[[4, 6]], [[3, 5, 2]], [[5, 1, 1]], [[1, 2, 1]]])('weights %j give the same sequence of ports over two cycles', async (weights) => {
    const setup = setupOf({ algorithm: 'weighted' }, weights.map((weight) => ({ weight })));
    await labAndNginx(setup);
    const n = 2 * weights.reduce((a, b) => a + b, 0);
    const viaLab = await answers(LAB, times(n));
    expect(await answers(NGINX_PORT, times(n))).toEqual(viaLab);
    expect(new Set(viaLab).size).toBe(weights.length);
  });

  it('round-robin (weights left unused) gives the same sequence', async () => {
    await labAndNginx(setupOf({ algorithm: 'round-robin' }, [{ weight: 3 }, {}, {}]));
    const viaLab = await answers(LAB, times(9));
    expect(await answers(NGINX_PORT, times(9))).toEqual(viaLab);
  });

  it('a down server gets nothing and the others keep the same sequence', async () => {
    await labAndNginx(setupOf({}, [{ weight: 3 }, { weight: 5, down: true }, { weight: 2 }]));
    const viaLab = await answers(LAB, times(10));
    expect(viaLab).not.toContain(BASE + 1);
    expect(await answers(NGINX_PORT, times(10))).toEqual(viaLab);
  });

  it('the backup answers everything once the primaries are stopped, and nothing before', async () => {
    const setup = setupOf({}, [{}, {}, { backup: true }]);
    const lab = await startLabFromSetup(setup);
    const dir = scratchDir('nginx-rt');
    running.push(await startNginx(nginxForTest(exportNginx(setup), dir, NGINX_PORT), dir, NGINX_PORT));
    const before = await answers(LAB, times(6));
    expect(before).not.toContain(BASE + 2);
    expect(await answers(NGINX_PORT, times(6))).toEqual(before);

    await lab.backendAction(BASE, 'stop');
    await lab.backendAction(BASE + 1, 'stop');
    const after = await answers(LAB, times(6));
    expect(after).toEqual(times(6).map(() => BASE + 2));
    expect(await answers(NGINX_PORT, times(6))).toEqual(after);
  });

  it('hash $request_uri consistent sends every path to the same port through both', async () => {
    await labAndNginx(setupOf({ algorithm: 'hash', hashKey: 'request-uri' }, [{}, {}, {}]));
    const paths = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `/whoami?k=${c}`);
    const viaLab = await answers(LAB, paths);
    expect(new Set(viaLab).size).toBe(3);
    expect(await answers(NGINX_PORT, paths)).toEqual(viaLab);
  });

  it('ip-hash over X-Forwarded-For clients sends every client to the same port through both', async () => {
    await labAndNginx(setupOf({ algorithm: 'ip-hash', trustForwardedFor: true }, [{}, {}, {}]));
    const client = (i: number): Record<string, string> => ({ 'x-forwarded-for': `10.${i}.${(i * 37) % 256}.9` });
    const viaLab = await answers(LAB, times(24), client);
    expect(new Set(viaLab).size).toBe(3);
    expect(await answers(NGINX_PORT, times(24), client)).toEqual(viaLab);
  });

  it('least-conn with sequential requests gives the same sequence', async () => {
    await labAndNginx(setupOf({ algorithm: 'least-conn' }, [{ weight: 2 }, {}, {}]));
    const viaLab = await answers(LAB, times(8));
    expect(await answers(NGINX_PORT, times(8))).toEqual(viaLab);
  });
});
