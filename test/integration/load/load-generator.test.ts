import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import type { LoadStatus } from '../../../electron/shared/load';
import { startLab, useLabs } from '../../support/lab-fixture';
import { generator, useGenerators } from './helpers';

useLabs();
useGenerators();
const BASE = 21800;
const PROXY = 21880;
/** Nothing listens here during these tests. */
const CLOSED_PORT = 21899;

function target(lab: Lab) {
  return { host: '127.0.0.1', port: lab.proxyPort };
}

/** Every request sent was either answered or failed without an answer. */
function expectAccounted(status: LoadStatus): void {
  const { refused, timeout, reset, other } = status.errors;
  expect(status.answered + refused + timeout + reset + other).toBe(status.sent);
}

describe('the hammer against a real lab', () => {
  it('sends 200/s for 3 s on schedule, stops by itself, and its counts equal the proxy’s own', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    const before = lab.snapshot();
    const hammer = generator();
    const progress: number[] = [];
    hammer.onProgress((p) => progress.push(p.sent));

    hammer.start({ rate: 200, durationS: 3, paths: ['/whoami'] }, target(lab));
    const status = await hammer.whenEnded();

    expect(status.state).toBe('done');
    const planned = 200 * 3;
    expect(Math.abs(status.sent - planned)).toBeLessThanOrEqual(planned * 0.05);
    expect(status.answered).toBe(status.sent);
    expect(status.errors).toEqual({ refused: 0, timeout: 0, reset: 0, http5xx: 0, other: 0 });
    expect(status.result!.requests).toBe(status.answered);

    const after = lab.snapshot();
    expect(after.proxy.requests - before.proxy.requests).toBe(status.answered);
    const proxyHits = Object.fromEntries(
      after.backends.map((b) => [String(b.port), b.hits - (before.backends.find((x) => x.port === b.port)?.hits ?? 0)]),
    );
    expect(status.result!.byBackend).toEqual(proxyHits);
    // Round-robin over three: every backend took a share.
    expect(Object.keys(status.result!.byBackend)).toHaveLength(3);
    // Progress came in while it ran, not once per request.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.length).toBeLessThan(status.sent);
  });

  it('stops when asked: sends nothing more, every request sent is accounted for, the proxy saw the same number', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 10, proxyPort: PROXY + 1 });
    const hammer = generator();
    hammer.start({ rate: 100, durationS: 60 }, target(lab));
    await new Promise<void>((resolve) => {
      const off = hammer.onProgress((p) => p.answered >= 50 && (off(), resolve()));
    });
    const status = await hammer.stop();

    expect(status.state).toBe('stopped');
    expect(status.sent).toBeLessThan(100 * 60);
    expectAccounted(status);
    expect(status.result!.requests).toBe(status.answered);
    expect(lab.snapshot().proxy.requests).toBe(status.sent);
    expect(hammer.status()).toEqual(status);
  });

  it('stops by itself after its request count, in closed-loop mode too', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 20, proxyPort: PROXY + 2 });
    const hammer = generator();
    hammer.start({ mode: 'closed', connections: 4, requests: 500, paths: ['/health'] }, target(lab));
    const status = await hammer.whenEnded();
    expect(status).toMatchObject({ state: 'done', sent: 500, answered: 500 });
    expect(Object.values(status.result!.byBackend).reduce((a, b) => a + b, 0)).toBe(500);
    expect(lab.snapshot().proxy.requests).toBe(500);
  });

  it('counts a refused connection as refused and the proxy’s own 502 as http5xx with no backend', async () => {
    const hammer = generator();
    hammer.start({ rate: 50, requests: 20 }, { host: '127.0.0.1', port: CLOSED_PORT });
    const refused = await hammer.whenEnded();
    expect(refused).toMatchObject({ state: 'done', sent: 20, answered: 0 });
    expect(refused.errors).toEqual({ refused: 20, timeout: 0, reset: 0, http5xx: 0, other: 0 });

    const lab = await startLab({ backends: 1, basePort: BASE + 30, proxyPort: PROXY + 3 });
    await lab.backendAction(BASE + 30, 'stop');
    hammer.start({ rate: 50, requests: 20 }, target(lab));
    const noBackend = await hammer.whenEnded();
    expect(noBackend).toMatchObject({ state: 'done', sent: 20, answered: 20 });
    expect(noBackend.errors.http5xx).toBe(20);
    expect(noBackend.result!.byBackend).toEqual({});
  });

  it('simulated clients go out as X-Forwarded-For: ip-hash that trusts it spreads them, one client stays on one backend', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE + 40, proxyPort: PROXY + 4, algorithm: 'ip-hash', trustForwardedFor: true });
    const hammer = generator();
    hammer.start({ rate: 200, requests: 300, clients: 60 }, target(lab));
    const spread = await hammer.whenEnded();
    expect(Object.keys(spread.result!.byBackend)).toHaveLength(3);

    hammer.start({ rate: 200, requests: 100, clients: 1 }, target(lab));
    const one = await hammer.whenEnded();
    expect(Object.values(one.result!.byBackend)).toEqual([100]);
  });
});

describe('open loop against closed loop on a slow backend', () => {
  it('the open loop keeps its arrival rate at +200 ms while the closed loop’s rate falls', async () => {
    const lab = await startLab({ backends: 1, basePort: BASE + 50, proxyPort: PROXY + 5 });
    const hammer = generator();
    const run = async (input: object): Promise<LoadStatus> => {
      hammer.start({ durationS: 2, ...input }, target(lab));
      const status = await hammer.whenEnded();
      expect(status.state).toBe('done');
      expectAccounted(status);
      return status;
    };

    const openFast = await run({ rate: 50, paths: ['/health'] });
    const openSlow = await run({ rate: 50, paths: ['/slow?ms=200'] });
    const closedFast = await run({ mode: 'closed', connections: 4, paths: ['/health'] });
    const closedSlow = await run({ mode: 'closed', connections: 4, paths: ['/slow?ms=200'] });

    // Open loop: the same arrivals whatever the backend does, and the wait shows in the latency.
    expect(openSlow.sent).toBeGreaterThanOrEqual(openFast.sent * 0.95);
    expect(Math.abs(openSlow.sent - 100)).toBeLessThanOrEqual(5);
    expect(openSlow.answered).toBe(openSlow.sent);
    expect(openSlow.result!.latencyMs.p50).toBeGreaterThanOrEqual(200);
    // Closed loop: four connections each wait 200 ms per answer, so at most 4 x 2 s / 0.2 s (+4 in flight) leave.
    expect(closedSlow.sent).toBeLessThanOrEqual(44);
    expect(closedSlow.sent).toBeLessThan(closedFast.sent / 4);
  });

  it('an open loop with too few connections for its rate still ends at its duration: the backlog is never sent', async () => {
    const lab = await startLab({ backends: 1, basePort: BASE + 60, proxyPort: PROXY + 6 });
    const hammer = generator();
    hammer.start({ rate: 1000, connections: 2, durationS: 1, paths: ['/slow?ms=200'] }, target(lab));
    const status = await hammer.whenEnded();
    expect(status.state).toBe('done');
    // Two connections, 200 ms each, for one second: about 10 of the 1000 scheduled leave.
    expect(status.sent).toBeLessThanOrEqual(2 * (1000 / 200) + 2);
    expect(status.answered).toBe(status.sent);
    expect(lab.snapshot().proxy.requests).toBe(status.sent);
  });
});
