import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptsConnection } from '../../../electron/lab/backends/accepts-connection';
import { findFreePorts } from '../../../electron/lab/backends/free-ports';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import type { StatusChange } from '../../../electron/lab/backends/types';
import { closeServer, get, holdPort, isRunning, killPids, sleep, waitFor, whoami } from './helpers';

const BASE = 21200;
const NODE = JSON.stringify(process.execPath);
/** A tiny server on $PORT, as a custom command's grandchild would be. */
const LISTEN = `require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1')`;

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmp = mkdtempSync(join(tmpdir(), 'lb-lab-supervisor-'));
let supervisor: Supervisor;
let changes: StatusChange[];
/** Processes the test started outside the supervisor's knowledge: killed by pid afterwards. */
const strays = new Set<number>();
const servers: Server[] = [];

beforeEach(() => {
  supervisor = new Supervisor({ readyTimeoutMs: 10_000, killGraceMs: 2_000 });
  changes = [];
  supervisor.onStatus((change) => changes.push(change));
});

afterEach(async () => {
  supervisor.killAllSync();
  await Promise.race([supervisor.shutdown(), sleep(3_000)]);
  killPids(strays);
  strays.clear();
  await Promise.all(servers.splice(0).map(closeServer));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function pidFile(name: string): string {
  return join(tmp, `${name}.pid`);
}

function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  strays.add(pid);
  return pid;
}

function statuses(port: number): string[] {
  return changes.filter((c) => c.port === port).map((c) => c.state.status);
}

describe('Supervisor', () => {
  it('starts 3 sample backends on sequential ports, each answering /whoami with its own port', async () => {
    const { ports, skipped } = await findFreePorts(BASE, 3, new Set());
    expect(ports).toEqual([BASE, BASE + 1, BASE + 2]);
    expect(skipped).toEqual([]);
    const states = await Promise.all(ports.map((port) => supervisor.start({ port })));
    for (const [i, state] of states.entries()) {
      expect(state).toMatchObject({ port: ports[i], status: 'up', restarts: 0, exit: null, error: null });
      const me = await whoami(ports[i]!);
      expect(me.port).toBe(ports[i]);
      // `exec` in the default command: the pid the lab shows is the backend's own.
      expect(me.pid).toBe(state.pid);
    }
    expect(supervisor.list().map((s) => s.port)).toEqual(ports);
    expect(supervisor.output(BASE)).toContain(`listening on http://127.0.0.1:${BASE}`);
  });

  it.skipIf(!hasPython)('runs `python3 -m http.server {port} --bind 127.0.0.1` as a custom command until it is up', async () => {
    const port = BASE + 10;
    const state = await supervisor.start({ port, command: 'python3 -m http.server {port} --bind 127.0.0.1', cwd: tmp });
    expect(state.status).toBe('up');
    expect(state.command).toBe(`python3 -m http.server ${port} --bind 127.0.0.1`);
    expect((await get(port, '/')).status).toBe(200);
    expect((await supervisor.stop(port)).status).toBe('stopped');
    expect(await acceptsConnection(port)).toBe(false);
  });

  it('stops a backend: stopping, then stopped, and its port no longer accepts connections', async () => {
    const port = BASE + 20;
    const { pid } = await supervisor.start({ port });
    const stopped = await supervisor.stop(port);
    expect(stopped).toMatchObject({ status: 'stopped', pid: null, exit: { code: 0, signal: null } });
    expect(statuses(port)).toEqual(['starting', 'up', 'stopping', 'stopped']);
    expect(changes.at(-1)!.previous).toBe('stopping');
    expect(isRunning(pid!)).toBe(false);
    expect(await acceptsConnection(port)).toBe(false);
  });

  it('lets a stopped backend finish a request in flight before it exits', async () => {
    const port = BASE + 30;
    await supervisor.start({ port });
    const body = new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/slow?ms=800', agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    await waitFor('the slow request to arrive', async () => (await whoami(port)).inFlight === 1);
    const t0 = Date.now();
    const stopped = await supervisor.stop(port);
    expect(await body).toContain('done after 800 ms');
    expect(stopped).toMatchObject({ status: 'stopped', exit: { code: 0, signal: null } });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('kills a backend at once, and it is crashed by SIGKILL', async () => {
    const port = BASE + 40;
    const { pid } = await supervisor.start({ port });
    const state = await supervisor.kill(port);
    expect(state).toMatchObject({ status: 'crashed', pid: null, exit: { code: null, signal: 'SIGKILL' } });
    expect(statuses(port)).toEqual(['starting', 'up', 'crashed']);
    expect(isRunning(pid!)).toBe(false);
    expect(await acceptsConnection(port)).toBe(false);
  });

  it('restarts a backend: up again with a new pid and restarts=1', async () => {
    const port = BASE + 50;
    const first = await supervisor.start({ port });
    const second = await supervisor.restart(port);
    expect(second).toMatchObject({ status: 'up', restarts: 1 });
    expect(second.pid).not.toBe(first.pid);
    expect(isRunning(first.pid!)).toBe(false);
    expect((await whoami(port)).pid).toBe(second.pid);
    expect(statuses(port)).toEqual(['starting', 'up', 'stopping', 'stopped', 'starting', 'up']);
  });

  it('restarts a crashed backend', async () => {
    const port = BASE + 55;
    await supervisor.start({ port });
    await supervisor.kill(port);
    expect(await supervisor.restart(port)).toMatchObject({ status: 'up', restarts: 1, exit: null });
  });

  it('marks an up backend crashed when its process is killed from outside', async () => {
    const port = BASE + 60;
    const { pid } = await supervisor.start({ port });
    process.kill(pid!, 'SIGKILL');
    await waitFor('the crash', () => supervisor.get(port)?.status === 'crashed');
    expect(supervisor.get(port)).toMatchObject({ pid: null, exit: { code: null, signal: 'SIGKILL' } });
    expect(changes.at(-1)).toMatchObject({ port, previous: 'up', state: { status: 'crashed' } });
  });

  it('marks an up backend crashed with its exit code when it exits by itself', async () => {
    const port = BASE + 65;
    const command = `${NODE} -e "${LISTEN}; setTimeout(() => process.exit(3), 300)"`;
    expect((await supervisor.start({ port, command })).status).toBe('up');
    await waitFor('the crash', () => supervisor.get(port)?.status === 'crashed');
    expect(supervisor.get(port)!.exit).toEqual({ code: 3, signal: null });
  });

  it('fails a command that exits at once, with the tail of its output in the error', async () => {
    const port = BASE + 70;
    const state = await supervisor.start({ port, command: 'echo "config file lab.toml not found" >&2; exit 3' });
    expect(state).toMatchObject({ status: 'failed', pid: null, exit: { code: 3, signal: null } });
    expect(state.error).toContain(`exited with code 3 before accepting connections on 127.0.0.1:${port}`);
    expect(state.error).toContain('config file lab.toml not found');
    expect(statuses(port)).toEqual(['starting', 'failed']);
  });

  it('fails a command that never listens after readyTimeoutMs, and kills it', async () => {
    const port = BASE + 80;
    const quick = new Supervisor({ readyTimeoutMs: 600 });
    try {
      const file = pidFile('never-listens');
      const t0 = Date.now();
      const state = await quick.start({ port, command: `echo waiting for nothing; sleep 30 & echo $! > '${file}'; wait` });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
      expect(state.status).toBe('failed');
      expect(state.error).toContain(`did not accept connections on 127.0.0.1:${port} within 600 ms`);
      expect(state.error).toContain('waiting for nothing');
      expect(isRunning(readPid(file))).toBe(false);
    } finally {
      quick.killAllSync();
    }
  });

  it('stops a `sh -c` command together with the grandchild it started', async () => {
    const port = BASE + 90;
    const file = pidFile('grandchild');
    const state = await supervisor.start({ port, command: `${NODE} -e "${LISTEN}" & echo $! > '${file}'; wait` });
    expect(state.status).toBe('up');
    const grandchild = readPid(file);
    expect(grandchild).not.toBe(state.pid);
    expect(isRunning(grandchild)).toBe(true);
    expect((await supervisor.stop(port)).status).toBe('stopped');
    expect(isRunning(grandchild)).toBe(false);
    expect(isRunning(state.pid!)).toBe(false);
    expect(await acceptsConnection(port)).toBe(false);
  });

  it('waits for a grandchild that ignores SIGTERM and SIGHUP, then SIGKILLs it once killGraceMs has passed', async () => {
    const port = BASE + 95;
    const patient = new Supervisor({ killGraceMs: 500 });
    try {
      const file = pidFile('ignores-term');
      // When the shell dies the kernel SIGHUPs the rest of the group: ignore that too.
      const deaf = `process.on('SIGTERM', () => {}); process.on('SIGHUP', () => {}); ${LISTEN}`;
      await patient.start({ port, command: `${NODE} -e "${deaf}" & echo $! > '${file}'; wait` });
      const grandchild = readPid(file);
      const t0 = Date.now();
      const state = await patient.stop(port);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
      // The shell itself died of the SIGTERM; 'stopped' waited for the rest of its group.
      expect(state).toMatchObject({ status: 'stopped', exit: { code: null, signal: 'SIGTERM' } });
      expect(isRunning(grandchild)).toBe(false);
    } finally {
      patient.killAllSync();
    }
  });

  it('SIGKILLs a backend that ignores SIGTERM once killGraceMs has passed', async () => {
    const port = BASE + 96;
    const patient = new Supervisor({ killGraceMs: 500 });
    try {
      const deaf = `process.on('SIGTERM', () => {}); ${LISTEN}`;
      await patient.start({ port, command: `exec ${NODE} -e "${deaf}"` });
      const t0 = Date.now();
      const state = await patient.stop(port);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
      expect(state).toMatchObject({ status: 'stopped', exit: { code: null, signal: 'SIGKILL' } });
    } finally {
      patient.killAllSync();
    }
  });

  it('fails to start on a port another program holds, and leaves that program alone', async () => {
    const port = BASE + 100;
    servers.push(await holdPort(port));
    const state = await supervisor.start({ port });
    expect(state).toMatchObject({ status: 'failed', pid: null });
    expect(state.error).toContain(`port ${port} is in use by another program`);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk));
      socket.on('end', () => resolve(text));
    });
    expect(reply).toBe('held\n');
  });

  it('refuses to start a backend that is already running', async () => {
    const port = BASE + 110;
    await supervisor.start({ port });
    await expect(supervisor.start({ port })).rejects.toThrow(`port ${port} is already up`);
  });

  it('forgets a removed backend after stopping it', async () => {
    const port = BASE + 120;
    const { pid } = await supervisor.start({ port });
    await supervisor.remove(port);
    expect(supervisor.get(port)).toBeUndefined();
    expect(supervisor.list()).toEqual([]);
    expect(isRunning(pid!)).toBe(false);
  });

  it('stops calling a status listener once it unsubscribes', async () => {
    const port = BASE + 130;
    const seen: string[] = [];
    const unsubscribe = supervisor.onStatus((change) => seen.push(change.state.status));
    await supervisor.start({ port });
    unsubscribe();
    await supervisor.stop(port);
    expect(seen).toEqual(['starting', 'up']);
  });

  it('shuts every backend down in parallel', async () => {
    const ports = [BASE + 140, BASE + 141, BASE + 142];
    const pids = (await Promise.all(ports.map((port) => supervisor.start({ port })))).map((s) => s.pid!);
    await supervisor.shutdown();
    expect(supervisor.list().map((s) => s.status)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(pids.filter(isRunning)).toEqual([]);
    await expect(supervisor.start({ port: BASE + 143 })).rejects.toThrow('shutting down');
  });
});
