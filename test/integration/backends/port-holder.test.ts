import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { canListen } from '../../../electron/lab/backends/can-listen';
import { signalMarked } from '../../../electron/lab/backends/marked-processes';
import { decodeAddress, findPortHolder } from '../../../electron/lab/backends/port-holder';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import type { StatusChange } from '../../../electron/lab/backends/types';
import { closeServer, holdPort, isRunning, killPids, waitFor } from './helpers';

const BASE = 26650;
const tmp = mkdtempSync(join(tmpdir(), 'lb-lab-port-holder-'));
/** A listener on 127.0.0.1:<argv[2]>, run as the test's "other program". */
const LISTENER = join(tmp, 'listener.cjs');
writeFileSync(LISTENER, `require('http').createServer((q, s) => s.end('ok')).listen(+process.argv[2], '127.0.0.1');\n`);
const NODE = process.execPath;

const pids = new Set<number>();
const servers: Server[] = [];
let supervisor: Supervisor;

afterEach(async () => {
  supervisor?.killAllSync();
  if (supervisor !== undefined) signalMarked(supervisor.instanceId, undefined, 'SIGKILL');
  killPids(pids);
  pids.clear();
  await Promise.all(servers.splice(0).map(closeServer));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the holder of a port', () => {
  it('is named with its pid and command when a process that dropped the mark still holds the port after stop', async () => {
    supervisor = new Supervisor({ readyTimeoutMs: 10_000, killGraceMs: 1_000 });
    const changes: StatusChange[] = [];
    supervisor.onStatus((change) => changes.push(change));
    const port = BASE;
    const pidFile = join(tmp, 'outsider.pid');
    // A daemon that leaves the session and clears its environment: neither group nor mark reaches it.
    const command = `setsid -f sh -c 'echo $$ > ${pidFile}; exec env -u LB_LAB_MARK ${NODE} ${LISTENER} {port}'; sleep 1000`;
    const state = await supervisor.start({ port, command });
    expect(state.status).toBe('up');
    const outsider = Number(readFileSync(pidFile, 'utf8'));
    pids.add(outsider);

    const stopped = await supervisor.stop(port);

    expect(stopped.status).toBe('stopped');
    expect(stopped.portHolder).toEqual({ address: '127.0.0.1', pid: outsider, command: `${NODE} ${LISTENER} ${port}` });
    expect(changes.at(-1)!.state.portHolder).toEqual(stopped.portHolder);
    expect(isRunning(outsider)).toBe(true);
  });

  it('makes a start fail, naming its pid and command, and leaves it running', async () => {
    supervisor = new Supervisor({ readyTimeoutMs: 10_000 });
    const port = BASE + 1;
    const other = spawn(NODE, [LISTENER, String(port)], { stdio: 'ignore' });
    pids.add(other.pid!);
    await waitFor('the other program to listen', async () => !(await canListen(port)));

    const state = await supervisor.start({ port });

    expect(state).toMatchObject({ status: 'failed', pid: null, portHolder: { address: '127.0.0.1', pid: other.pid } });
    expect(state.error).toContain(`port ${port} is in use by another program: pid ${other.pid} (${NODE} ${LISTENER} ${port})`);
    expect(isRunning(other.pid!)).toBe(true);
  });

  it('is null when nothing listens on the port', async () => {
    expect(await findPortHolder(BASE + 2)).toBeNull();
  });

  it('is found on IPv6 loopback too', async () => {
    const server = await holdPort(BASE + 3, '::1');
    servers.push(server);
    expect(await findPortHolder(BASE + 3)).toMatchObject({ address: '::1', pid: process.pid });
  });
});

describe('decodeAddress', () => {
  // Values as /proc/net/tcp and /proc/net/tcp6 print them on x86-64 Linux (read on the test machine).
  it.each([
    ['0100007F', '127.0.0.1'],
    ['00000000', '0.0.0.0'],
    ['00000000000000000000000001000000', '::1'],
    ['00000000000000000000000000000000', '::'],
    ['0000000000000000FFFF00000100007F', '::ffff:127.0.0.1'],
    ['000000FD000000000000000002000000', 'fd00::2'],
  ])('reads %s as %s', (hex, address) => {
    expect(decodeAddress(hex)).toBe(address);
  });
});
