import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../support/built-cli';
import { get } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';
import { backendOf, CookieJar, getWithJar } from './cookie-jar';

useLabs();
const BASE = 27200;
const PROXY = 27280;

/** A /slow request through the proxy: who answers (known from the headers, at once) and the whole body later. */
function slowRequest(url: string, cookie?: string): Promise<{ port: number; body: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      const done = new Promise<string>((end, fail) => {
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => end(body));
        res.on('error', fail);
      });
      resolve({ port: Number(res.headers['x-lab-backend']), body: done });
    });
    req.on('error', reject);
  });
}

describe('drain and down, set by hand', () => {
  it('drain (HAProxy `drain`) lets an in-flight request finish, sends nothing new, and still serves its sticky clients', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY, sticky: true });
    const proxy = `http://127.0.0.1:${PROXY}`;
    const jar = new CookieJar();
    const pinned = backendOf(await getWithJar(`${proxy}/whoami`, jar));
    expect(jar.get('lb_lab_srv')).toMatch(new RegExp(`^${pinned}\\.`));

    const slow = await slowRequest(`${proxy}/slow?ms=1500`, jar.header());
    expect(slow.port).toBe(pinned);
    await lab.patchBackend(pinned, { drain: true });
    const row = lab.snapshot().backends.find((b) => b.port === pinned)!;
    expect(row).toMatchObject({ drain: true, down: false, status: 'up', inRotation: false, inFlight: 1 });

    // New clients never reach it; the pinned client still does.
    for (let i = 0; i < 30; i++) expect(backendOf(await get(`${proxy}/whoami`, false))).not.toBe(pinned);
    for (let i = 0; i < 10; i++) expect(backendOf(await getWithJar(`${proxy}/whoami`, jar))).toBe(pinned);
    expect(await slow.body).toContain(`port ${pinned}: done after 1500 ms`);
    expect(lab.snapshot().backends.find((b) => b.port === pinned)!.inFlight).toBe(0);

    await lab.patchBackend(pinned, { drain: false });
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) seen.add(backendOf(await get(`${proxy}/whoami`, false)));
    expect(seen.has(pinned)).toBe(true);
  });

  it('down (nginx `down`) sends nothing while the process keeps running, and moves only its own hash keys', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE + 10, proxyPort: PROXY + 1, algorithm: 'hash' });
    const proxy = `http://127.0.0.1:${PROXY + 1}`;
    const paths = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `/${c}`);
    const before = new Map<string, number>();
    for (const path of paths) before.set(path, backendOf(await get(proxy + path)));
    const marked = BASE + 11;
    expect([...before.values()]).toContain(marked);

    await lab.patchBackend(marked, { down: true });
    const row = lab.snapshot().backends.find((b) => b.port === marked)!;
    expect(row).toMatchObject({ down: true, status: 'up', inRotation: false });
    expect(isAlive(row.pid!)).toBe(true);
    for (const path of paths) {
      const now = backendOf(await get(proxy + path));
      if (before.get(path) === marked) expect(now, path).not.toBe(marked);
      else expect(now, `${path} must not move`).toBe(before.get(path));
    }

    await lab.patchBackend(marked, { down: false });
    for (const path of paths) expect(backendOf(await get(proxy + path)), path).toBe(before.get(path));
  });

  it('restarting a running backend drains it, and it takes traffic again once it is back up', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 30, proxyPort: PROXY + 3 });
    const restarted = BASE + 31;
    await lab.backendAction(restarted, 'restart');
    const row = lab.snapshot().backends.find((b) => b.port === restarted)!;
    expect(row).toMatchObject({ status: 'up', restarts: 1, inRotation: true });
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) seen.add(backendOf(await get(`http://127.0.0.1:${PROXY + 3}/whoami`)));
    expect(seen.has(restarted)).toBe(true);
  });

  it('down and drain are not a reload: weighted order carries on where it was', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE + 20, proxyPort: PROXY + 2, weights: [5, 1, 1] });
    const proxy = `http://127.0.0.1:${PROXY + 2}/whoami`;
    const [a, b, c] = lab.snapshot().backends.map((row) => row.port) as [number, number, number];
    const order: number[] = [];
    for (let i = 0; i < 3; i++) order.push(backendOf(await get(proxy)));
    // A flag flip on another peer that takes no traffic now must not restart nginx's sequence.
    await lab.patchBackend(c, { drain: true });
    await lab.patchBackend(c, { drain: false });
    for (let i = 0; i < 4; i++) order.push(backendOf(await get(proxy)));
    // Smooth weighted round-robin, weights 5,1,1: a a b a c a a.
    expect(order).toEqual([a, a, b, a, c, a, a]);
  });
});
