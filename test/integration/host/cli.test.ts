import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../../electron/lab/wait-until';
import type { Snapshot } from '../../../electron/shared/types';
import { isAlive, runCli, untilRunning, useCli } from '../../support/built-cli';
import { api, get } from '../../support/http-client';

useCli();

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function nothingLeft(snapshot: Snapshot): Promise<void> {
  const pids = snapshot.backends.map((b) => b.pid!);
  expect(pids.every((pid) => pid > 0)).toBe(true);
  expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5000), `still alive: ${pids.filter(isAlive)}`).toBe(true);
  for (const port of [...snapshot.backends.map((b) => b.port), snapshot.proxy.port]) expect(await accepts(port), `port ${port}`).toBe(false);
}

describe('lb-lab (the headless host)', () => {
  it('refuses a bad flag with a message naming it and exit code 2, starting nothing', async () => {
    for (const [args, named] of [
      [['--backends', 'many'], '--backends'],
      [['--weights', '3,x,2'], '--weights'],
      [['--weights', '3,5', '--backends', '3'], '--weights'],
      [['--algorithm', 'fastest'], '--algorithm'],
      [['--proxy-port', '70000'], '--proxy-port'],
      [['--command', 'python3 -m http.server'], '--command'],
      [['--frobnicate'], '--frobnicate'],
    ] as const) {
      const run = runCli([...args, '--base-port', '23500', '--ui-port', '23570']);
      const { code } = await run.exited;
      expect(code, args.join(' ')).toBe(2);
      expect(run.output()).toContain(named);
    }
    expect(await accepts(23500)).toBe(false);
  });

  it('serves weighted traffic from --weights without --algorithm, and Ctrl-C leaves nothing running', async () => {
    const run = runCli(['--weights', '3,5,2', '--base-port', '23400', '--proxy-port', '23480', '--ui-port', '23470']);
    await untilRunning(run);
    expect(run.output()).toContain('http://127.0.0.1:23480/');
    const snapshot = (await api('http://127.0.0.1:23470', 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.proxy.algorithm).toBe('weighted');
    expect(snapshot.backends.map((b) => b.weight)).toEqual([3, 5, 2]);
    const answered = [];
    for (let i = 0; i < 10; i++) answered.push((await get('http://127.0.0.1:23480/whoami')).headers['x-lab-backend']);
    expect(answered.filter((p) => p === '23401')).toHaveLength(5);

    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    await nothingLeft(snapshot);
  });

  it('leaves no backend process behind when the host itself is SIGKILLed', async () => {
    const run = runCli(['--backends', '3', '--base-port', '23300', '--proxy-port', '23380', '--ui-port', '23370']);
    await untilRunning(run);
    const snapshot = (await api('http://127.0.0.1:23370', 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.backends.map((b) => b.status)).toEqual(['up', 'up', 'up']);
    run.child.kill('SIGKILL');
    await run.exited;
    await nothingLeft(snapshot);
  });

  it('skips a port another program holds, says so, and never touches it', async () => {
    const squatter = net.createServer((socket) => socket.end('mine'));
    await new Promise<void>((resolve) => squatter.listen(23201, '127.0.0.1', resolve));
    try {
      const run = runCli(['--backends', '3', '--base-port', '23200', '--proxy-port', '23280', '--ui-port', '23270']);
      await untilRunning(run);
      expect(run.output()).toContain('port 23201 is in use by another program; skipped it');
      const snapshot = (await api('http://127.0.0.1:23270', 'GET', '/api/snapshot')).json as Snapshot;
      expect(snapshot.backends.map((b) => b.port)).toEqual([23200, 23202, 23203]);
      run.child.kill('SIGTERM');
      expect((await run.exited).code).toBe(143);
      expect(squatter.listening).toBe(true);
    } finally {
      squatter.close();
    }
  });

  it('runs a custom command: python3 -m http.server {port} behind the proxy', async () => {
    const run = runCli(['--backends', '2', '--base-port', '23100', '--proxy-port', '23180', '--ui-port', '23170', '--command', 'python3 -m http.server {port} --bind 127.0.0.1']);
    await untilRunning(run);
    const replies = [await get('http://127.0.0.1:23180/'), await get('http://127.0.0.1:23180/')];
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies.map((r) => r.headers['x-lab-backend']).sort()).toEqual(['23100', '23101']);
    expect(replies[0]!.headers['server']).toMatch(/Python/);
    const snapshot = (await api('http://127.0.0.1:23170', 'GET', '/api/snapshot')).json as Snapshot;
    run.child.kill('SIGINT');
    await run.exited;
    await nothingLeft(snapshot);
  });
});
