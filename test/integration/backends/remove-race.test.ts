import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { canListen } from '../../../electron/lab/backends/can-listen';
import { findMarked, signalMarked } from '../../../electron/lab/backends/marked-processes';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import type { BackendStatus } from '../../../electron/shared/types';
import { isRunning } from './helpers';

/*
 * Issue 8: DELETE racing restart on one port left a process running that no
 * one knew of. Whatever the order and the phase the restart is in, a remove
 * must leave no process and an unknown port.
 */
const BASE = 26670;
const SETSID = 'setsid -f python3 -m http.server {port} --bind 127.0.0.1; sleep 1000';

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmp = mkdtempSync(join(tmpdir(), 'lb-lab-remove-race-'));
let supervisor: Supervisor | null = null;

afterEach(async () => {
  if (supervisor === null) return;
  supervisor.killAllSync();
  signalMarked(supervisor.instanceId, undefined, 'SIGKILL');
  supervisor = null;
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** When remove() is called, relative to restart(). */
type Moment = 'just before' | 'just after' | 'at stopping' | 'at stopped' | 'at starting';
const MOMENTS: Moment[] = ['just before', 'just after', 'at stopping', 'at stopped', 'at starting'];

describe('Supervisor remove racing restart', () => {
  it('leaves no process and an unknown port, 20 times over every moment of the restart', async () => {
    const sup = new Supervisor({ readyTimeoutMs: 15_000, killGraceMs: 2_000 });
    supervisor = sup;
    for (let round = 0; round < 20; round++) {
      const moment = MOMENTS[round % MOMENTS.length]!;
      // The sample backend, and (where python3 is) a daemon that leaves the session.
      const command = hasPython && round % 2 === 1 ? SETSID : undefined;
      const port = BASE + (round % 2);
      const label = `round ${round}, remove ${moment} restart, ${command ?? 'sample backend'}`;

      const pids = new Set<number>();
      const first = await sup.start({ port, command, cwd: tmp });
      expect(first.status, label).toBe('up');
      for (const pid of findMarked(sup.instanceId, port)) pids.add(pid);

      let removal: Promise<unknown> | null = null;
      const removeAt = (status: BackendStatus): void => {
        if (removal === null && moment === `at ${status}`) removal = sup.remove(port);
      };
      const unsubscribe = sup.onStatus((change) => {
        if (change.port !== port) return;
        if (change.state.pid !== null) pids.add(change.state.pid);
        removeAt(change.state.status);
      });
      if (moment === 'just before') removal = sup.remove(port);
      const restart = sup.restart(port);
      if (moment === 'just after') removal = sup.remove(port);
      const [restarted] = await Promise.allSettled([restart]);
      unsubscribe();
      expect(removal, label).not.toBeNull();
      await removal;

      if (restarted.status === 'rejected') expect(String(restarted.reason), label).toMatch(/removed|no backend/);
      expect(sup.get(port), label).toBeUndefined();
      expect(findMarked(sup.instanceId, port), label).toEqual([]);
      expect([...pids].filter(isRunning), label).toEqual([]);
      expect(await canListen(port), label).toBe(true);
    }
    expect(sup.list()).toEqual([]);
  });

  it('leaves nothing when remove comes while the very first start of a port is still checking it', async () => {
    const sup = new Supervisor({ readyTimeoutMs: 15_000 });
    supervisor = sup;
    const port = BASE + 5;
    const start = sup.start({ port });
    const removed = sup.remove(port);
    expect((await start).status).toBe('up');
    expect(await removed).toMatchObject({ port, status: 'stopped', pid: null });
    expect(sup.get(port)).toBeUndefined();
    expect(findMarked(sup.instanceId, port)).toEqual([]);
    expect(await canListen(port)).toBe(true);
  });

  it('starts a port again when start is called after remove, once the remove is done', async () => {
    const sup = new Supervisor({ readyTimeoutMs: 15_000 });
    supervisor = sup;
    const port = BASE + 6;
    const first = await sup.start({ port });
    const removed = sup.remove(port);
    const again = await sup.start({ port });
    expect(await removed).toMatchObject({ status: 'stopped' });
    expect(again).toMatchObject({ port, status: 'up', restarts: 0 });
    expect(again.pid).not.toBe(first.pid);
    expect(isRunning(first.pid!)).toBe(false);
  });
});
