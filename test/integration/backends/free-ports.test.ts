import type { Server } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePorts } from '../../../electron/lab/backends/free-ports';
import { closeServer, holdPort } from './helpers';

const BASE = 21360;
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

function readAll(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('findFreePorts', () => {
  it('returns sequential ports from the base when all are free', async () => {
    expect(await findFreePorts(BASE, 3, new Set())).toEqual({ ports: [BASE, BASE + 1, BASE + 2], skipped: [] });
  });

  it('skips a port another program holds, reports it, and leaves that program untouched', async () => {
    const held = await holdPort(BASE + 1);
    servers.push(held);
    let connections = 0;
    held.on('connection', () => connections++);
    const result = await findFreePorts(BASE, 3, new Set());
    expect(result).toEqual({ ports: [BASE, BASE + 2, BASE + 3], skipped: [BASE + 1] });
    expect(connections).toBe(0);
    expect(held.listening).toBe(true);
    expect(await readAll(BASE + 1)).toBe('held\n');
  });

  it('passes over excluded ports without reporting them as skipped', async () => {
    expect(await findFreePorts(BASE, 2, new Set([BASE, BASE + 1]))).toEqual({ ports: [BASE + 2, BASE + 3], skipped: [] });
  });

  it('leaves the ports it found free for a backend to take', async () => {
    const { ports } = await findFreePorts(BASE, 2, new Set());
    for (const port of ports) servers.push(await holdPort(port));
  });

  it('never goes above 65535', async () => {
    await expect(findFreePorts(65_535, 2, new Set([65_535]))).rejects.toThrow(RangeError);
    await expect(findFreePorts(65_536, 1, new Set())).rejects.toThrow('from 1 to 65535');
    await expect(findFreePorts(BASE, -1, new Set())).rejects.toThrow('count');
  });

  it('finds nothing when asked for nothing', async () => {
    expect(await findFreePorts(BASE, 0, new Set())).toEqual({ ports: [], skipped: [] });
  });
});
