import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { canListen } from '../../../electron/lab/backends/can-listen';
import { findMarked, signalMarked } from '../../../electron/lab/backends/marked-processes';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import type { BackendSpec, BackendState } from '../../../electron/lab/backends/types';
import { isRunning, killPids, waitFor } from './helpers';

/*
 * Backends whose processes leave the pty's process group or session, as the
 * attack run of issue 8 found: a `set -m` job (own process group) and a
 * `setsid -f` daemon (own session). Neither is reached by a signal to the
 * group, nor by the terminal's hangup; the LB_LAB_MARK variable in their
 * environment is what finds them.
 */
const BASE = 26600;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const SET_M = 'set -m; python3 -m http.server {port} --bind 127.0.0.1 & wait';
const SETSID = 'setsid -f python3 -m http.server {port} --bind 127.0.0.1; sleep 1000';
const COMMANDS = [
  ['a `set -m` job', SET_M],
  ['a `setsid -f` daemon', SETSID],
] as const;

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmp = mkdtempSync(join(tmpdir(), 'lb-lab-escaped-'));
/** Every supervisor instance a test used: whatever still carries its mark is SIGKILLed afterwards. */
const instances = new Set<string>();
const supervisors: Supervisor[] = [];
const pids = new Set<number>();
let host: ChildProcess | null = null;

afterEach(async () => {
  if (host?.pid !== undefined) pids.add(host.pid);
  host = null;
  for (const supervisor of supervisors.splice(0)) supervisor.killAllSync();
  killPids(pids);
  pids.clear();
  for (const instance of instances) signalMarked(instance, undefined, 'SIGKILL');
  instances.clear();
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function newSupervisor(): Supervisor {
  const supervisor = new Supervisor({ readyTimeoutMs: 15_000, killGraceMs: 2_000 });
  supervisors.push(supervisor);
  instances.add(supervisor.instanceId);
  return supervisor;
}

/** The pgid of a running process (field 5 of /proc/<pid>/stat). */
function pgidOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return null;
  }
}

/**
 * The marked processes of a backend that is up, checked to include one
 * outside the pty's process group: the case a group signal misses.
 */
function escapedProcesses(instance: string, state: BackendState): number[] {
  const marked = findMarked(instance, state.port);
  for (const pid of marked) pids.add(pid);
  expect(marked).toContain(state.pid);
  const outside = marked.filter((pid) => isRunning(pid) && ![state.pid, null].includes(pgidOf(pid)));
  expect(outside.length).toBeGreaterThan(0);
  return marked;
}

/**
 * No process carries the backend's mark, none of those it had runs, and the
 * port is free. `awaited`: the supervisor's promise has resolved, so this
 * must hold at once; otherwise (killAllSync, a host's end) it is waited for.
 */
async function expectAllGone(instance: string, port: number, marked: number[], awaited: boolean): Promise<void> {
  const check = async (): Promise<boolean> =>
    findMarked(instance, port).length === 0 && marked.filter(isRunning).length === 0 && (await canListen(port));
  if (!awaited) {
    await waitFor(`no process marked ${instance}:${port} and the port free`, check, 10_000).catch(() => {});
  }
  expect(findMarked(instance, port)).toEqual([]);
  expect(marked.filter(isRunning)).toEqual([]);
  expect(await canListen(port)).toBe(true);
}

/** Starts fixtures/marked-host.mjs with these backends; resolves once all have started. */
function startHost(specs: BackendSpec[]): Promise<{ instanceId: string; states: BackendState[] }> {
  const child = spawn(
    process.execPath,
    ['--import', join(FIXTURES, 'register-ts.mjs'), join(FIXTURES, 'marked-host.mjs'), JSON.stringify(specs)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  host = child;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      const started = JSON.parse(out.slice(0, newline)) as { instanceId: string; states: BackendState[] };
      instances.add(started.instanceId);
      resolve(started);
    });
    child.on('exit', (code, signal) => reject(new Error(`host exited early (${code ?? signal}): ${err}`)));
  });
}

describe.skipIf(!hasPython)('processes that leave the backend’s process group', () => {
  const actions = ['stop', 'kill', 'remove', 'shutdown', 'killAllSync'] as const;
  const cases = COMMANDS.flatMap(([name, command], c) =>
    actions.map((action, a) => [name, action, command, BASE + c * 10 + a] as const),
  );

  it.each(cases)('ends %s and every other marked process on %s, and the port is free', async (_name, action, command, port) => {
    const supervisor = newSupervisor();
    const state = await supervisor.start({ port, command, cwd: tmp });
    expect(state.status).toBe('up');
    const marked = escapedProcesses(supervisor.instanceId, state);

    if (action === 'shutdown') await supervisor.shutdown();
    else if (action === 'killAllSync') supervisor.killAllSync();
    else await supervisor[action](port);

    await expectAllGone(supervisor.instanceId, port, marked, action !== 'killAllSync');
    if (action === 'remove') return;
    await waitFor('the final status', () => supervisor.get(port)!.pid === null);
    expect(supervisor.get(port)!.portHolder).toBeNull();
  });

  it('never touches the marked processes of another supervisor instance', async () => {
    const ours = newSupervisor();
    const theirs = newSupervisor();
    const [mine, other] = await Promise.all([
      ours.start({ port: BASE + 30, command: SETSID, cwd: tmp }),
      theirs.start({ port: BASE + 31, command: SETSID, cwd: tmp }),
    ]);
    expect([mine.status, other.status]).toEqual(['up', 'up']);
    const theirPids = escapedProcesses(theirs.instanceId, other);
    escapedProcesses(ours.instanceId, mine);

    await ours.shutdown();
    ours.killAllSync();

    expect(findMarked(ours.instanceId)).toEqual([]);
    expect(theirPids.filter(isRunning)).toEqual(theirPids);
    expect(theirs.get(BASE + 31)!.status).toBe('up');
    expect(await canListen(BASE + 31)).toBe(false);
  });
});

describe.skipIf(!hasPython)('processes that leave the backend’s group when the host ends', () => {
  const ends = [
    ['is SIGKILLed (the watchdog ends them)', 'SIGKILL', BASE + 40],
    ['calls process.exit (the exit guard’s killAllSync, then the watchdog)', 'exit', BASE + 45],
    ['gets Ctrl-C (the exit guard’s shutdown ends them)', 'SIGINT', BASE + 50],
  ] as const;

  it.each(ends)('leaves no marked process and both ports free when the host %s', async (_how, end, base) => {
    const ports = [base, base + 1];
    // A bystander of another instance, in this process, that must survive.
    const bystander = newSupervisor();
    const bystanderState = await bystander.start({ port: base + 2, command: SETSID, cwd: tmp });
    expect(bystanderState.status).toBe('up');
    const bystanderPids = escapedProcesses(bystander.instanceId, bystanderState);

    const { instanceId, states } = await startHost([
      { port: ports[0]!, command: SET_M, cwd: tmp },
      { port: ports[1]!, command: SETSID, cwd: tmp },
    ]);
    expect(states.map((s) => s.status)).toEqual(['up', 'up']);
    const marked = states.flatMap((state) => escapedProcesses(instanceId, state));

    if (end === 'exit') host!.stdin!.end('exit\n');
    else host!.kill(end);

    for (const port of ports) await expectAllGone(instanceId, port, marked, false);
    expect(findMarked(instanceId)).toEqual([]);
    expect(bystanderPids.filter(isRunning)).toEqual(bystanderPids);
    expect(bystander.get(base + 2)!.status).toBe('up');
  });
});
