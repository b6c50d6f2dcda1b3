import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acceptsConnection } from '../../../electron/lab/backends/accepts-connection';
import { installExitGuard } from '../../../electron/lab/backends/exit-guard';
import type { BackendSpec, BackendState } from '../../../electron/lab/backends/types';
import { isRunning, killPids, waitFor } from './helpers';

/*
 * The host fixture runs the real Supervisor (TypeScript, transpiled on load by
 * fixtures/ts-hooks.mjs) in a plain `node` process, which the test SIGKILLs:
 * no exit handler runs, exactly as when a user force-quits the app.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const BASE = 21400;
const NODE = JSON.stringify(process.execPath);
const LISTEN = `require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1')`;

const tmp = mkdtempSync(join(tmpdir(), 'lb-lab-exit-guard-'));
const started = new Set<number>();
let host: ChildProcess | null = null;

afterEach(() => {
  if (host?.pid !== undefined) started.add(host.pid);
  host = null;
  killPids(started);
  started.clear();
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Starts the host fixture with these backends and resolves with their states once all have started. */
function startHost(specs: BackendSpec[]): Promise<BackendState[]> {
  const child = spawn(process.execPath, ['--import', join(FIXTURES, 'register-ts.mjs'), join(FIXTURES, 'host.mjs'), JSON.stringify(specs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = child;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline !== -1) resolve(JSON.parse(out.slice(0, newline)) as BackendState[]);
    });
    child.on('exit', (code, signal) => reject(new Error(`host exited early (${code ?? signal}): ${err}`)));
  });
}

function pidFrom(name: string): number {
  const pid = Number(readFileSync(join(tmp, `${name}.pid`), 'utf8').trim());
  started.add(pid);
  return pid;
}

describe('exit guard', () => {
  it('leaves no backend process alive and nothing listening when the host is SIGKILLed', async () => {
    const ports = [BASE, BASE + 1, BASE + 2, BASE + 3];
    const file = (name: string): string => JSON.stringify(join(tmp, `${name}.pid`));
    const states = await startHost([
      // The sample backend, leading its own session.
      { port: ports[0]! },
      // A grandchild of `sh -c`, as `node ... & wait` or an autoreloader makes.
      { port: ports[1]!, command: `${NODE} -e "${LISTEN}" & echo $! > ${file('plain')}; wait` },
      // A grandchild that reloads on SIGHUP (gunicorn, uWSGI): the terminal hangup does not end it.
      { port: ports[2]!, command: `${NODE} -e "process.on('SIGHUP', () => {}); ${LISTEN}" & echo $! > ${file('reloads')}; wait` },
      // A session leader that ignores SIGHUP.
      { port: ports[3]!, command: `exec ${NODE} -e "process.on('SIGHUP', () => {}); ${LISTEN}"` },
    ]);
    expect(states.map((s) => s.status)).toEqual(['up', 'up', 'up', 'up']);
    const pids = [...states.map((s) => s.pid!), pidFrom('plain'), pidFrom('reloads')];
    for (const pid of pids) started.add(pid);
    expect(pids.filter(isRunning)).toEqual(pids);

    host!.kill('SIGKILL');

    await waitFor('every backend process to end', () => pids.filter(isRunning).length === 0, 8_000).catch((error: Error) => {
      throw new Error(`${error.message}; still running: ${pids.filter(isRunning).join(', ')}`);
    });
    for (const port of ports) expect(await acceptsConnection(port)).toBe(false);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('stops every backend gracefully on %s, then exits %i', async (signal, code) => {
    const port = BASE + 10;
    const [state] = await startHost([{ port }]);
    expect(state!.status).toBe('up');
    started.add(state!.pid!);
    const exited = new Promise<number | null>((resolve) => host!.on('exit', (c) => resolve(c)));
    host!.kill(signal);
    expect(await exited).toBe(code);
    expect(isRunning(state!.pid!)).toBe(false);
    expect(await acceptsConnection(port)).toBe(false);
  });

  it('installs its process handlers once however many targets it guards, and removes them after the last', () => {
    const count = (): number[] => (['exit', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((event) => process.listenerCount(event));
    const before = count();
    const target = { shutdown: async () => {}, killAllSync: () => {} };
    const uninstallA = installExitGuard(target);
    const uninstallB = installExitGuard({ ...target });
    expect(count()).toEqual(before.map((n) => n + 1));
    uninstallA();
    expect(count()).toEqual(before.map((n) => n + 1));
    uninstallB();
    uninstallB();
    expect(count()).toEqual(before);
  });
});
