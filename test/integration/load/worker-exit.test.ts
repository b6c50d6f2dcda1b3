import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../electron/lab/wait-until';
import { startLab, useLabs } from '../../support/lab-fixture';
import { alive, WORKER } from './helpers';

useLabs();
const BASE = 21900;
const PROXY = 21980;
const REGISTER_TS = resolve(import.meta.dirname, '../backends/fixtures/register-ts.mjs');
const HOST = join(import.meta.dirname, 'fixtures/hammer-host.mjs');

const pids: number[] = [];
let host: ChildProcess | null = null;

afterEach(() => {
  if (host && host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
  host = null;
  for (const pid of pids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('the hammer’s process', () => {
  it('ends by itself when the host that started it is killed mid-run (SIGKILL): no generator is left', async () => {
    const lab = await startLab({ backends: 1, basePort: BASE, proxyPort: PROXY });
    host = spawn(process.execPath, ['--import', REGISTER_TS, HOST, String(lab.proxyPort), WORKER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((done, fail) => {
      createInterface({ input: host!.stdout! }).once('line', done);
      host!.once('exit', () => fail(new Error('the host ended before the hammer started')));
    });
    const { workerPid } = JSON.parse(line) as { workerPid: number };
    pids.push(workerPid);
    expect(alive(workerPid)).toBe(true);
    const hitsBefore = lab.snapshot().proxy.requests;
    expect(hitsBefore).toBeGreaterThan(0);

    host.kill('SIGKILL');
    expect(await waitUntil(() => !alive(workerPid), 10_000)).toBe(true);
  });
});
