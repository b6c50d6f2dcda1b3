import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Supervisor } from '../../../electron/lab/backends/supervisor';
import { TerminalHub } from '../../../electron/lab/terminal/terminal-hub';
import { serveTerminal, type TerminalSocketOptions } from '../../../electron/host/terminal-socket';
import { TERMINAL_CLOSE } from '../../../electron/shared/terminal';
import { get, sleep, waitFor } from '../backends/helpers';

// Ports 26350-26399 belong to this file; terminal/terminal-hub.test.ts uses 26300-26349.
const WS_PORT = 26350;
const BASE = 26351;
const NODE = JSON.stringify(process.execPath);
const ECHO =
  "require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1');" +
  "process.stdin.setEncoding('utf8').on('data', (d) => console.log('got:' + d.trim()))";

let supervisor: Supervisor;
let hub: TerminalHub;
let wss: WebSocketServer;
/** The server's side of each terminal socket, newest last. */
let served: WebSocket[];
const clients: WebSocket[] = [];

async function listen(options: TerminalSocketOptions = {}): Promise<void> {
  wss = new WebSocketServer({ host: '127.0.0.1', port: WS_PORT });
  wss.on('connection', (ws, req) => {
    served.push(ws);
    const port = Number(/^\/api\/backends\/(\d+)\/terminal$/.exec(req.url ?? '')?.[1]);
    serveTerminal(ws, hub, port, options);
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  expect((wss.address() as AddressInfo).port).toBe(WS_PORT);
}

interface Client {
  ws: WebSocket;
  text: () => string;
  closed: Promise<{ code: number; reason: string }>;
}

async function open(port: number): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${WS_PORT}/api/backends/${port}/terminal`);
  clients.push(ws);
  let text = '';
  ws.on('message', (data) => (text += data.toString()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, text: () => text, closed };
}

beforeEach(() => {
  supervisor = new Supervisor({ readyTimeoutMs: 10_000, killGraceMs: 2_000 });
  hub = new TerminalHub(supervisor);
  served = [];
});

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  hub.close();
  supervisor.killAllSync();
  await Promise.race([supervisor.shutdown(), sleep(3_000)]);
});

describe('serveTerminal', () => {
  it('streams a backend’s output over the socket, the recent output first', async () => {
    await listen();
    const port = BASE;
    expect((await supervisor.start({ port })).status).toBe('up');
    const client = await open(port);
    await waitFor('the ring', () => client.text().includes('listening on'));
    expect(client.text().startsWith('\u001b[2m─── pid ')).toBe(true);
    expect((await get(port, '/health?n=7')).status).toBe(200);
    await waitFor('the access-log line', () => client.text().includes('"GET /health?n=7 HTTP/1.1" 200'));
  });

  it('sends typed input to the pty and applies a resize message', async () => {
    await listen();
    const port = BASE + 1;
    const report = "process.stdout.on('resize', () => console.log('size:' + process.stdout.columns + 'x' + process.stdout.rows));" + ECHO;
    expect((await supervisor.start({ port, command: `exec ${NODE} -e "${report}"` })).status).toBe('up');
    const client = await open(port);
    client.ws.send(JSON.stringify({ type: 'input', data: 'über ✓\r' }));
    await waitFor('the echoed line', () => client.text().includes('got:über ✓'));
    client.ws.send(JSON.stringify({ type: 'resize', cols: 101, rows: 37 }));
    await waitFor('the new size', () => client.text().includes('size:101x37'));
  });

  it('closes with 4400 naming the field on a bad message, passing nothing to the pty', async () => {
    await listen();
    const port = BASE + 2;
    expect((await supervisor.start({ port, command: `exec ${NODE} -e "${ECHO}"` })).status).toBe('up');
    const client = await open(port);
    client.ws.send(JSON.stringify({ type: 'resize', cols: 0, rows: 30 }));
    expect(await client.closed).toEqual({ code: TERMINAL_CLOSE.badMessage, reason: expect.stringContaining('cols') as string });

    const raw = await open(port);
    raw.ws.send('ls\r');
    expect((await raw.closed).code).toBe(TERMINAL_CLOSE.badMessage);
    // The pty keeps order: once a later good line is echoed, a leaked earlier one would be there too.
    const good = await open(port);
    good.ws.send(JSON.stringify({ type: 'input', data: 'fine\r' }));
    await waitFor('the good line', () => good.text().includes('got:fine'));
    expect(hub.text(port)).not.toContain('got:ls');
  });

  it('closes with 4404 for a port with no backend, and when the backend is forgotten', async () => {
    await listen();
    const none = await open(BASE + 9);
    expect((await none.closed).code).toBe(TERMINAL_CLOSE.unknownPort);

    const port = BASE + 3;
    expect((await supervisor.start({ port, command: `exec ${NODE} -e "${ECHO}"` })).status).toBe('up');
    const client = await open(port);
    await supervisor.remove(port);
    hub.forget(port);
    expect((await client.closed).code).toBe(TERMINAL_CLOSE.unknownPort);
  });

  it('skips output for a client that stops reading, keeping the server’s buffer bounded, and says so once it catches up', async () => {
    const maxBufferedBytes = 64 * 1024;
    const maxBatchChars = 128 * 1024;
    await listen({ maxBufferedBytes });
    const port = BASE + 4;
    // 16 MiB of output, far more than the loopback socket buffers hold, then a marker.
    const flood =
      "const line = 'x'.repeat(1023) + '\\n'; let i = 0;" +
      "(function more() { while (i < 16384) { i++; if (!process.stdout.write(line)) return process.stdout.once('drain', more); } console.log('flood', 'done'); })();";
    const client = await (async () => {
      const state = await supervisor.start({ port, command: `exec ${NODE} -e "${ECHO}; process.stdin.once('data', () => { ${flood} })"` });
      expect(state.status).toBe('up');
      return open(port);
    })();
    const server = served.at(-1)!;
    client.ws.pause();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, server.bufferedAmount)), 5);
    try {
      client.ws.send(JSON.stringify({ type: 'input', data: 'go\r' }));
      await waitFor('the flood to end', () => hub.text(port).includes('flood done'), 30_000);
    } finally {
      clearInterval(sampler);
    }
    expect(server.bufferedAmount).toBeGreaterThan(maxBufferedBytes);
    expect(peak).toBeLessThanOrEqual(maxBufferedBytes + maxBatchChars + 1024);

    client.ws.resume();
    await waitFor('the client to drain', () => server.bufferedAmount === 0, 30_000);
    client.ws.send(JSON.stringify({ type: 'input', data: 'after\r' }));
    await waitFor('output after the catch-up', () => client.text().includes('got:after'), 30_000);
    const text = client.text();
    expect(text).toMatch(/\[lab: \d+ characters of output skipped while this terminal caught up\]/);
    expect(text.indexOf('characters of output skipped')).toBeLessThan(text.indexOf('got:after'));
  });
});
