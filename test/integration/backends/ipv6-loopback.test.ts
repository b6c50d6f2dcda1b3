import { connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { canListen, takenOn } from '../../../electron/lab/backends/can-listen';
import { findFreePorts } from '../../../electron/lab/backends/free-ports';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import { closeServer, holdPort } from './helpers';

/* Issue 8: a port another program held on [::1] only was not skipped. */
const BASE = 26700;
const servers: Server[] = [];
let supervisor: Supervisor | null = null;

afterEach(async () => {
  supervisor?.killAllSync();
  supervisor = null;
  await Promise.all(servers.splice(0).map(closeServer));
});

function readAll(port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('a port held on IPv6 loopback only', () => {
  it('is not free, and is said to be taken on [::1]', async () => {
    servers.push(await holdPort(BASE, '::1'));
    expect(await canListen(BASE)).toBe(false);
    expect(await takenOn(BASE)).toBe('::1');
    expect(await takenOn(BASE + 1)).toBeNull();
  });

  it('is skipped and reported when choosing free ports, and its holder is left alone', async () => {
    const held = await holdPort(BASE + 11, '::1');
    servers.push(held);
    let connections = 0;
    held.on('connection', () => connections++);
    expect(await findFreePorts(BASE + 10, 3, new Set())).toEqual({ ports: [BASE + 10, BASE + 12, BASE + 13], skipped: [BASE + 11] });
    expect(connections).toBe(0);
    expect(await readAll(BASE + 11, '::1')).toBe('held\n');
  });

  it('makes a start fail, naming the holder on [::1]', async () => {
    servers.push(await holdPort(BASE + 20, '::1'));
    supervisor = new Supervisor();
    const state = await supervisor.start({ port: BASE + 20 });
    expect(state).toMatchObject({ status: 'failed', pid: null, portHolder: { address: '::1', pid: process.pid } });
    expect(state.error).toContain(`pid ${process.pid}`);
    expect(state.error).toContain('on [::1]');
  });
});
