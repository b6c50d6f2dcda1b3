import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { LabProxy } from '../../../electron/lab/proxy/lab-proxy';
import { LabStats } from '../../../electron/lab/stats/lab-stats';
import { get } from '../../support/http-client';

const BASE = 22400;
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function listen(server: http.Server | net.Server, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

async function proxyOver(ports: number[], proxyPort: number, connectTimeoutMs = 1000): Promise<{ stats: LabStats }> {
  const balancer = createBalancer('round-robin', ports.map((id) => ({ id, weight: 1, maxFails: 1, failTimeoutMs: 10_000 })));
  const stats = new LabStats();
  const proxy = new LabProxy({ host: '127.0.0.1', port: proxyPort, balancer, stats, connectTimeoutMs });
  await proxy.listen();
  closers.push(() => proxy.close());
  return { stats };
}

/** Answers the first request on each connection, then drops the connection on the next one without a byte. */
async function resettingBackend(port: number): Promise<void> {
  const server = http.createServer((req, res) => {
    const socket = req.socket as net.Socket & { served?: boolean };
    if (socket.served) {
      socket.destroy();
      return;
    }
    socket.served = true;
    res.end(`${port}`);
  });
  await listen(server, port);
  closers.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
}

async function plainBackend(port: number): Promise<void> {
  const server = http.createServer((_req, res) => res.end(`${port}`));
  await listen(server, port);
  closers.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
}

describe('retry cases nginx counts as `error` or `timeout`', () => {
  it('retries a GET whose reused keep-alive connection is closed before any response byte', async () => {
    await resettingBackend(BASE);
    await plainBackend(BASE + 1);
    const { stats } = await proxyOver([BASE, BASE + 1], BASE + 80);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const bodies: string[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await get(`http://127.0.0.1:${BASE + 80}/`, agent);
      expect(reply.status).toBe(200);
      bodies.push(reply.body);
    }
    agent.destroy();
    expect(stats.backend(BASE).failures).toBeGreaterThanOrEqual(1);
    expect(stats.backend(BASE).retries).toBe(stats.backend(BASE).failures);
    expect(stats.errors).toBe(0);
  });

  it('does not retry a POST that reached the backend (nginx non_idempotent is off): the client gets 502', async () => {
    await resettingBackend(BASE + 2);
    await plainBackend(BASE + 3);
    const { stats } = await proxyOver([BASE + 2, BASE + 3], BASE + 81);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: BASE + 81, method: 'POST', agent, headers: { 'content-type': 'text/plain' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end('hello');
      });
    const statuses = [await post(), await post(), await post()];
    agent.destroy();
    // The 1st POST opens BASE+2's only pooled connection, the 2nd goes to BASE+3, the 3rd reuses BASE+2's and is reset.
    expect(statuses).toEqual([200, 200, 502]);
    expect(stats.backend(BASE + 2).failures).toBe(1);
    expect(stats.backend(BASE + 2).retries).toBe(0);
  });

  it('gives up a connect that hangs after connectTimeoutMs and retries on the next peer', async () => {
    const hung = BASE + 4;
    // A listener that never accepts, with its accept queue already full: new SYNs are dropped.
    const python: ChildProcess = spawn('python3', ['-c', `import socket,time\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.bind(('127.0.0.1', ${hung}))\ns.listen(0)\nprint('ready', flush=True)\ntime.sleep(60)`], { stdio: ['ignore', 'pipe', 'inherit'] });
    closers.push(() => void python.kill('SIGKILL'));
    await new Promise((resolve) => python.stdout!.once('data', resolve));
    const fillers = [net.connect(hung, '127.0.0.1'), net.connect(hung, '127.0.0.1'), net.connect(hung, '127.0.0.1')];
    fillers.forEach((s) => s.on('error', () => {}));
    closers.push(() => fillers.forEach((s) => s.destroy()));
    await new Promise((resolve) => setTimeout(resolve, 200));

    await plainBackend(BASE + 5);
    const { stats } = await proxyOver([hung, BASE + 5], BASE + 82, 300);
    const started = Date.now();
    const reply = await get(`http://127.0.0.1:${BASE + 82}/`, false);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(String(BASE + 5));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(stats.backend(hung).failures).toBe(1);
  });

  it('passes a WebSocket upgrade through to a backend and counts it there', async () => {
    const server = http.createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo ${String(data)}`)));
    await listen(server, BASE + 6);
    closers.push(() => new Promise<void>((resolve) => (wss.clients.forEach((c) => c.terminate()), server.close(() => resolve()))));
    const { stats } = await proxyOver([BASE + 6, BASE + 7], BASE + 83);
    const ws = new WebSocket(`ws://127.0.0.1:${BASE + 83}/`);
    closers.push(() => ws.terminate());
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('hi');
    expect(await reply).toBe('echo hi');
    expect(stats.backend(BASE + 6).hits).toBe(1);
  });
});
