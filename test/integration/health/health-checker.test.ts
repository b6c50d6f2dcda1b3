import type { Clock } from '../../../electron/lab/clock';
import { ManualClock } from '../../support/manual-clock';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthChecker, type HealthCheckerOptions } from '../../../electron/lab/health/health-checker';
import type { HealthState } from '../../../electron/shared/types';
import { closeAll, onCleanup, sleep, startBackend, until, type TestBackend } from './helpers';

// Ports 26550-26599 belong to this file; check-once.test.ts uses 26500-26549.
const BASE = 26550;
const OPTIONS: HealthCheckerOptions = { path: '/health', intervalMs: 100, rise: 2, fall: 3 };

afterEach(closeAll);

interface Flip {
  port: number;
  state: HealthState['state'];
  /** Requests the backend on that port had seen when the flip was reported. */
  seen: number;
}

/** A checker whose flips are recorded, stopped in afterEach even when the test fails. */
function checker(options: HealthCheckerOptions = OPTIONS, backends: TestBackend[] = [], clock?: Clock): { health: HealthChecker; flips: Flip[] } {
  const flips: Flip[] = [];
  const health = new HealthChecker(
    options,
    (port, state) => flips.push({ port, state: state.state, seen: backends.find((b) => b.port === port)?.requests.length ?? 0 }),
    clock,
  );
  onCleanup(() => health.stop());
  return { health, flips };
}

const stateOf = (health: HealthChecker, port: number): HealthState['state'] | undefined => health.state(port)?.state;

describe('HealthChecker', () => {
  it('marks a backend that answers 200 passing after exactly rise checks, within a few intervals', async () => {
    const backend = await startBackend(BASE);
    const { health, flips } = checker(OPTIONS, [backend]);
    const started = Date.now();
    health.watch(BASE);
    expect(health.state(BASE)).toEqual({ state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 });

    await until(() => stateOf(health, BASE) === 'passing', 'the backend is passing');
    // rise x interval plus the first-check jitter (< interval), with room for a slow machine.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(flips).toEqual([{ port: BASE, state: 'passing', seen: 2 }]);
    expect(health.state(BASE)?.lastResult).toMatch(/^200 in \d+ ms$/);
    expect(backend.requests.every((req) => req.url === '/health' && req.headers['user-agent'] === 'lb-lab-health')).toBe(true);
  });

  it('marks a passing backend failing after exactly fall 503 answers and reports the flip once', async () => {
    const backend = await startBackend(BASE + 1);
    const { health, flips } = checker(OPTIONS, [backend]);
    health.watch(BASE + 1);
    await until(() => stateOf(health, BASE + 1) === 'passing', 'the backend is passing');

    const before = backend.requests.length;
    backend.mode = 'fail';
    await until(() => stateOf(health, BASE + 1) === 'failing', 'the backend is failing');
    expect(flips.map((f) => f.state)).toEqual(['passing', 'failing']);
    // The backend answers as it receives, so every request after the switch got a 503.
    expect(flips[1]!.seen - before).toBe(3);
    expect(health.state(BASE + 1)).toMatchObject({ state: 'failing', streak: 3 });
    expect(health.state(BASE + 1)?.lastResult).toMatch(/^503 in \d+ ms$/);

    // Staying down is not another flip.
    await sleep(400);
    expect(flips).toHaveLength(2);
    expect(health.state(BASE + 1)!.streak).toBeGreaterThan(3);
  });

  it('marks a passing backend failing when it is closed, and passing again after rise checks when it comes back', async () => {
    const port = BASE + 2;
    const first = await startBackend(port);
    const backends = [first];
    const { health, flips } = checker(OPTIONS, backends);
    health.watch(port);
    await until(() => stateOf(health, port) === 'passing', 'the backend is passing');

    await first.close();
    await until(() => stateOf(health, port) === 'failing', 'the closed backend is failing');
    expect(health.state(port)?.lastResult).toBe('connection refused');

    const second = await startBackend(port);
    backends[0] = second;
    await until(() => stateOf(health, port) === 'passing', 'the restarted backend is passing again');
    expect(flips.map((f) => f.state)).toEqual(['passing', 'failing', 'passing']);
    expect(flips[2]!.seen).toBe(2);
  });

  it('marks a backend that was never up failing within fall checks, from unknown', async () => {
    const { health, flips } = checker();
    const started = Date.now();
    health.watch(BASE + 3);
    await until(() => stateOf(health, BASE + 3) === 'failing', 'the missing backend is failing');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(flips).toEqual([{ port: BASE + 3, state: 'failing', seen: 0 }]);
    expect(health.state(BASE + 3)).toMatchObject({ lastResult: 'connection refused', streak: 3 });
  });

  it('marks a backend that never answers failing with "timed out", never running two checks of it at once', async () => {
    const backend = await startBackend(BASE + 4, 'hang');
    // A timeout longer than the interval: ticks that find a check running must be skipped.
    const { health } = checker({ ...OPTIONS, timeoutMs: 250, fall: 2 }, [backend]);
    health.watch(BASE + 4);
    await until(() => stateOf(health, BASE + 4) === 'failing', 'the hanging backend is failing');
    expect(health.state(BASE + 4)?.lastResult).toBe('timed out after 250 ms');
    expect(backend.maxOpen).toBe(1);
  });

  it('stops checking a port after unwatch: the backend sees no more requests and the state is gone', async () => {
    const backend = await startBackend(BASE + 5);
    const { health } = checker(OPTIONS, [backend]);
    health.watch(BASE + 5);
    await until(() => stateOf(health, BASE + 5) === 'passing', 'the backend is passing');

    health.unwatch(BASE + 5);
    expect(health.state(BASE + 5)).toBeNull();
    // A check already on the wire may still land just after unwatch.
    await sleep(50);
    const seen = backend.requests.length;
    await sleep(600);
    expect(backend.requests.length).toBe(seen);
  });

  it('checks each port on its own: one failing backend does not touch another', async () => {
    const up = await startBackend(BASE + 6);
    const down = await startBackend(BASE + 7, 'fail');
    const { health, flips } = checker(OPTIONS, [up, down]);
    health.watch(BASE + 6);
    health.watch(BASE + 7);
    await until(() => stateOf(health, BASE + 6) === 'passing' && stateOf(health, BASE + 7) === 'failing', 'one passes and one fails');
    expect(flips.map((f) => [f.port, f.state]).sort()).toEqual([
      [BASE + 6, 'passing'],
      [BASE + 7, 'failing'],
    ]);
  });

  it('resets every port to unknown on configure and checks with the new settings', async () => {
    const backend = await startBackend(BASE + 8);
    const { health, flips } = checker(OPTIONS, [backend]);
    health.watch(BASE + 8);
    await until(() => stateOf(health, BASE + 8) === 'passing', 'the backend is passing');

    health.configure({ path: '/ready', intervalMs: 150, rise: 3, fall: 2 });
    expect(health.state(BASE + 8)).toEqual({ state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 });
    const before = backend.requests.length;
    await until(() => stateOf(health, BASE + 8) === 'passing', 'the backend is passing under the new settings');
    expect(flips.map((f) => f.state)).toEqual(['passing', 'passing']);
    // Exactly rise (3) checks of the new path made it passing; a check of the old
    // path in flight during configure may still have reached the backend.
    const decided = backend.requests.slice(before, flips[1]!.seen).filter((req) => req.url === '/ready');
    expect(decided).toHaveLength(3);
  });

  it('refuses invalid settings on configure and keeps checking as before', async () => {
    const backend = await startBackend(BASE + 9);
    const { health } = checker(OPTIONS, [backend]);
    health.watch(BASE + 9);
    await until(() => stateOf(health, BASE + 9) === 'passing', 'the backend is passing');
    expect(() => health.configure({ ...OPTIONS, rise: 0 })).toThrow(/rise/);
    expect(stateOf(health, BASE + 9)).toBe('passing');
    const seen = backend.requests.length;
    await until(() => backend.requests.length > seen + 1, 'checks go on');
  });

  it('stamps lastCheckAt with the injected clock', async () => {
    await startBackend(BASE + 10);
    const clock = new ManualClock(1_700_000_000_000);
    const { health } = checker(OPTIONS, [], clock);
    health.watch(BASE + 10);
    // The first check waits for its jitter on the injected clock, not on real time.
    expect(clock.pending).toBe(1);
    clock.advance(1000);
    await until(() => health.state(BASE + 10)?.lastCheckAt != null, 'a check has run');
    expect(health.state(BASE + 10)?.lastCheckAt).toBeGreaterThanOrEqual(1_700_000_000_000);
    expect(health.state(BASE + 10)?.lastCheckAt).toBeLessThanOrEqual(1_700_000_001_000);
  });

  it('stops every port on stop and forgets them', async () => {
    const a = await startBackend(BASE + 11);
    const b = await startBackend(BASE + 12);
    const { health } = checker(OPTIONS, [a, b]);
    health.watch(BASE + 11);
    health.watch(BASE + 12);
    await until(() => a.requests.length > 0 && b.requests.length > 0, 'both are checked');
    health.stop();
    expect(health.state(BASE + 11)).toBeNull();
    await sleep(50);
    const seen = a.requests.length + b.requests.length;
    await sleep(500);
    expect(a.requests.length + b.requests.length).toBe(seen);
  });

  it('treats a second watch of the same port as a no-op', async () => {
    const backend = await startBackend(BASE + 13);
    const { health, flips } = checker(OPTIONS, [backend]);
    health.watch(BASE + 13);
    await until(() => stateOf(health, BASE + 13) === 'passing', 'the backend is passing');
    health.watch(BASE + 13);
    expect(stateOf(health, BASE + 13)).toBe('passing');
    await sleep(300);
    expect(flips).toHaveLength(1);
  });
});
