import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../../electron/lab/wait-until';
import { get } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';

useLabs();
const BASE = 22200;
const PROXY = 22280;
const ABORTS = 300;

/** Ask for a slow response, and hang up as soon as its first bytes arrive. */
function abortMidResponse(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error)));
  });
}

/** Established TCP connections to `port` on loopback, as the kernel sees them. */
function establishedTo(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim() !== '').length;
}

describe('client aborts', () => {
  it(`cancels the upstream request when the client hangs up: ${ABORTS} aborts mid-response leak nothing`, async () => {
    const lab = await startLab({ backends: 2, basePort: BASE, proxyPort: PROXY });
    const ports = lab.snapshot().backends.map((b) => b.port);

    for (let batch = 0; batch < ABORTS / 50; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => abortMidResponse(`http://127.0.0.1:${PROXY}/slow?ms=5000`)));
    }

    // Long before the backends' 5 s delay ends, every upstream request is gone.
    const own = async (port: number) => JSON.parse((await get(`http://127.0.0.1:${port}/whoami`, false)).body) as { aborted: number; inFlight: number };
    const settled = await waitUntil(() => lab.snapshot().backends.every((b) => b.inFlight === 0), 3000);
    expect(settled, JSON.stringify(lab.snapshot().backends.map((b) => b.inFlight))).toBe(true);
    let seen = { aborted: 0, inFlight: 0 };
    await waitUntil(() => false, 200);
    for (let i = 0; i < 20; i++) {
      const states = await Promise.all(ports.map(own));
      seen = { aborted: states.reduce((s, o) => s + o.aborted, 0), inFlight: states.reduce((s, o) => s + o.inFlight, 0) };
      if (seen.aborted === ABORTS && seen.inFlight === 0) break;
      await waitUntil(() => false, 100);
    }
    expect(seen).toEqual({ aborted: ABORTS, inFlight: 0 });
    // The upstream sockets were destroyed, not left open in the pool.
    for (const port of ports) expect(establishedTo(port)).toBe(0);
    // Every abort counts as a request proxied, and on the backend that had it.
    const snapshot = lab.snapshot();
    expect(snapshot.proxy.requests).toBe(ABORTS);
    expect(snapshot.backends.reduce((s, b) => s + b.hits, 0)).toBe(ABORTS);
  });
});
