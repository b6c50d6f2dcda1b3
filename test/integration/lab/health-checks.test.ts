import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import { waitUntil } from '../../../electron/lab/wait-until';
import type { BackendSnapshot, LabEvent } from '../../../electron/shared/types';
import { get } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';
import { backendOf } from './cookie-jar';

useLabs();
const BASE = 27600;
const PROXY = 27680;
const INTERVAL = 200;
const RISE = 2;
const FALL = 3;
/** The checker's first check waits up to min(interval, 1 s); then a check per interval. Slack for a busy machine. */
const SLACK = 600;

/** POST straight to a sample backend (never through the proxy): /health/fail or /health/pass. */
function post(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const row = (lab: Lab, port: number): BackendSnapshot => lab.snapshot().backends.find((b) => b.port === port)!;

describe('active health checks (HAProxy `check inter rise fall`) against real backends', () => {
  it('takes a backend answering 503 out of rotation within fall x interval, and puts it back after rise passes', async () => {
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY });
    expect(lab.snapshot().proxy.health).toEqual({ enabled: false, path: '/', intervalMs: 2000, rise: 2, fall: 3 });
    expect(lab.snapshot().backends.every((b) => b.health === null)).toBe(true);
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));

    await lab.setHealth({ path: '/health', intervalMs: INTERVAL, rise: RISE, fall: FALL });
    expect(lab.snapshot().proxy.health).toEqual({ enabled: true, path: '/health', intervalMs: INTERVAL, rise: RISE, fall: FALL });
    expect(await waitUntil(() => lab.snapshot().backends.every((b) => b.health?.state === 'passing'), 5000)).toBe(true);
    expect(row(lab, BASE + 1).health).toMatchObject({ state: 'passing', lastResult: expect.stringMatching(/^200 in \d+ ms$/), lastCheckAt: expect.any(Number) });

    const sick = BASE + 1;
    expect(await post(sick, '/health/fail')).toBe(200);
    const failedAt = Date.now();
    expect(await waitUntil(() => !row(lab, sick).inRotation, FALL * INTERVAL + SLACK + 2000)).toBe(true);
    expect(Date.now() - failedAt).toBeLessThanOrEqual(FALL * INTERVAL + INTERVAL + SLACK);
    expect(row(lab, sick)).toMatchObject({ status: 'up', down: false, health: { state: 'failing', lastResult: expect.stringMatching(/^503 in \d+ ms$/) } });
    expect(events.map((e) => e.message)).toContainEqual(expect.stringMatching(new RegExp(`^${sick} failed 3 health checks \\(503 in \\d+ ms\\); out of rotation$`)));
    for (let i = 0; i < 20; i++) expect(backendOf(await get(`http://127.0.0.1:${PROXY}/whoami`))).not.toBe(sick);

    expect(await post(sick, '/health/pass')).toBe(200);
    const passedAt = Date.now();
    expect(await waitUntil(() => row(lab, sick).inRotation, RISE * INTERVAL + SLACK + 2000)).toBe(true);
    expect(Date.now() - passedAt).toBeLessThanOrEqual(RISE * INTERVAL + INTERVAL + SLACK);
    expect(events.map((e) => e.message)).toContain(`${sick} passed 2 health checks; back in rotation`);
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) seen.add(backendOf(await get(`http://127.0.0.1:${PROXY}/whoami`)));
    expect(seen.has(sick)).toBe(true);

    await lab.setHealth({ enabled: false, path: '/health', intervalMs: INTERVAL, rise: RISE, fall: FALL });
    expect(lab.snapshot().proxy.health.enabled).toBe(false);
    expect(lab.snapshot().backends.every((b) => b.health === null)).toBe(true);
  });

  it('turning checks off puts a failing backend back; a stopped backend is not checked; a checked one starts no sessions', async () => {
    const lab = await startLab({ backends: 2, basePort: BASE + 10, proxyPort: PROXY + 1, health: { path: '/health', intervalMs: INTERVAL, rise: 1, fall: 1 } });
    const sick = BASE + 10;
    expect(await post(sick, '/health/fail')).toBe(200);
    expect(await waitUntil(() => row(lab, sick).health?.state === 'failing', 3000)).toBe(true);
    expect(row(lab, sick).inRotation).toBe(false);

    await lab.setHealth({ enabled: false, path: '/health', intervalMs: INTERVAL, rise: 1, fall: 1 });
    expect(row(lab, sick)).toMatchObject({ inRotation: true, health: null });

    await lab.setHealth({ path: '/', intervalMs: INTERVAL, rise: 1, fall: 1 });
    await lab.backendAction(BASE + 11, 'stop');
    expect(row(lab, BASE + 11).health).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, INTERVAL * 3));
    // Checks on `/` every 200 ms, yet no session: the checker's User-Agent is not a visitor.
    const health = JSON.parse((await get(`http://127.0.0.1:${sick}/health`, false)).body) as { sessions: number };
    expect(health.sessions).toBe(0);
  });
});
