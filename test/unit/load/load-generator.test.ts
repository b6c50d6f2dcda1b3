import { describe, expect, it } from 'vitest';
import { LabError } from '../../../electron/lab/lab-error';
import { LoadGenerator } from '../../../electron/lab/load/load-generator';
import type { FromWorker, ToWorker } from '../../../electron/lab/load/messages';
import type { WorkerProcess } from '../../../electron/lab/load/worker-process';
import { IDLE_LOAD, type LoadProgress } from '../../../electron/shared/load';

const TARGET = { host: '127.0.0.1', port: 21890 };

/** A stand-in worker the test drives by hand: what the controller does with its messages and its exit. */
function fakeWorker() {
  const sent: ToWorker[] = [];
  let onMessage: (m: FromWorker) => void = () => {};
  let onExit: () => void = () => {};
  const worker: WorkerProcess = {
    pid: 1,
    send: (m) => sent.push(m),
    onMessage: (l) => (onMessage = l),
    onExit: (l) => (onExit = l),
    kill: () => onExit(),
  };
  return { worker, sent, report: (m: FromWorker) => onMessage(m), exit: () => onExit() };
}

function setup() {
  const fake = fakeWorker();
  let spawned = 0;
  // The worker path must exist; this test file stands in for it.
  const generator = new LoadGenerator({ workerPath: import.meta.filename, spawn: () => (spawned++, fake.worker) });
  return { generator, fake, spawned: () => spawned };
}

function refusal(start: () => unknown): LabError {
  try {
    start();
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error('start was not refused');
}

const running = (over: Partial<LoadProgress>): LoadProgress => ({ ...IDLE_LOAD, state: 'running', ...over });

describe('LoadGenerator input', () => {
  it.each([
    [{ rate: 0 }, 'rate'],
    [{ rate: 20_001 }, 'rate'],
    [{ durationS: 601 }, 'durationS'],
    [{ requests: 10_000_001 }, 'requests'],
    [{ requests: 1.5 }, 'requests'],
    [{ connections: 0 }, 'connections'],
    [{ connections: 1001 }, 'connections'],
    [{ paths: [] }, 'paths'],
    [{ paths: ['no-slash'] }, 'paths.0'],
    [{ paths: [{ path: '/a', weight: 0 }] }, 'paths.0.weight'],
    [{ clients: -1 }, 'clients'],
    [{ clients: 65_537 }, 'clients'],
    [{ method: 'CONNECT' }, 'method'],
    [{ keepAlive: 'yes' }, 'keepAlive'],
    [{ mode: 'closed', rate: 100 }, 'rate'],
  ])('refuses %j with a 400 naming %s, and starts nothing', (input, field) => {
    const { generator, spawned } = setup();
    const error = refusal(() => generator.start(input, TARGET));
    expect(error.status).toBe(400);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(spawned()).toBe(0);
    expect(generator.status().state).toBe('idle');
  });

  it.each(['target', 'host', 'port', 'url'])('refuses a %s field: the hammer only loads the lab’s own proxy', (field) => {
    const { generator, spawned } = setup();
    const error = refusal(() => generator.start({ rate: 10, [field]: field === 'port' ? 80 : 'http://example.com' }, TARGET));
    expect(error).toMatchObject({ status: 400, field });
    expect(spawned()).toBe(0);
  });

  it('sends the worker the plan with every default filled in, and the lab’s target', () => {
    const { generator, fake } = setup();
    generator.start({}, TARGET);
    expect(fake.sent[0]).toEqual({
      type: 'start',
      plan: { mode: 'open', rate: 100, connections: 64, durationS: 10, requests: null, paths: [{ path: '/', weight: 1 }], clients: 0, keepAlive: true, method: 'GET' },
      target: TARGET,
      progressIntervalMs: 100,
    });
    expect(generator.progress()).toMatchObject({ state: 'running', plannedS: 10, plannedRequests: 1000 });
  });
});

describe('LoadGenerator runs', () => {
  it('refuses a second start while one runs (409)', () => {
    const { generator } = setup();
    generator.start({ rate: 10 }, TARGET);
    expect(refusal(() => generator.start({ rate: 10 }, TARGET)).status).toBe(409);
  });

  it('reports exactly the documented status fields, and passes each progress message on', () => {
    const { generator, fake } = setup();
    const seen: number[] = [];
    generator.onProgress((p) => seen.push(p.sent));
    generator.start({ rate: 10 }, TARGET);
    fake.report({ type: 'progress', progress: running({ sent: 5, answered: 4, rate: 9.5, elapsedS: 0.5, plannedS: 10, plannedRequests: 100 }) });
    expect(Object.keys(generator.status()).sort()).toEqual(['answered', 'errors', 'rate', 'sent', 'state']);
    expect(generator.status()).toMatchObject({ state: 'running', sent: 5, answered: 4, rate: 9.5 });
    expect(generator.progress().elapsedS).toBe(0.5);
    expect(seen).toEqual([0, 5]);
  });

  it('asks the worker to stop, and resolves with its final report once the process is gone', async () => {
    const { generator, fake } = setup();
    generator.start({ rate: 10 }, TARGET);
    const stopped = generator.stop();
    expect(fake.sent.at(-1)).toEqual({ type: 'stop' });
    const result = { requests: 3, durationS: 0.3, rps: 10, latencyMs: { p50: 1, p90: 1, p99: 1, p999: 1, max: 1 }, byBackend: { '21801': 3 } };
    fake.report({ type: 'end', progress: { ...running({ sent: 3, answered: 3 }), state: 'stopped', result } });
    fake.exit();
    expect(await stopped).toMatchObject({ state: 'stopped', sent: 3, result });
    // A new run may start now.
    expect(generator.start({ rate: 10 }, TARGET).state).toBe('running');
  });

  it('calls a run whose process ended without a final report stopped, keeping what it counted', async () => {
    const { generator, fake } = setup();
    generator.start({ rate: 10 }, TARGET);
    fake.report({ type: 'progress', progress: running({ sent: 7, answered: 7, rate: 10 }) });
    const ended = generator.whenEnded();
    fake.exit();
    expect(await ended).toMatchObject({ state: 'stopped', sent: 7, answered: 7, rate: 0 });
    expect((await ended).result).toBeUndefined();
  });
});
