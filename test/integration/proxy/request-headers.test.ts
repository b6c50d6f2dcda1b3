import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { waitFor } from '../backends/helpers';
import { closeAll, listen, onCleanup, proxyOver } from './helpers';

// Ports 26150-26199 belong to this file.
const BASE = 26150;

afterEach(closeAll);

/** A backend that answers with the request headers it received, as JSON. */
async function echoBackend(port: number): Promise<void> {
  const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await listen(server, port);
  onCleanup(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
}

/** Send `head` (request line and headers, as a client wrote them) on a raw socket; resolve with the body of the answer. */
function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data.slice(data.indexOf('\r\n\r\n') + 4)));
    socket.on('error', reject);
  });
}

describe('request headers as a real backend sees them', () => {
  it('strips hop-by-hop headers as nginx does, Connection and the headers it names included', async () => {
    await echoBackend(BASE);
    await proxyOver([BASE], BASE + 40);
    const body = await rawRequest(
      BASE + 40,
      [
        'GET /page HTTP/1.1',
        'Host: lab.test:8080',
        'Connection: close, X-Secret-Hop',
        'X-Secret-Hop: for the proxy only',
        'Keep-Alive: timeout=5',
        'TE: trailers',
        'Proxy-Connection: keep-alive',
        'Upgrade: h2c',
        'X-Kept: yes',
      ].join('\r\n'),
    );
    const seen = JSON.parse(body) as Record<string, string>;
    for (const name of ['x-secret-hop', 'keep-alive', 'te', 'proxy-connection', 'upgrade']) expect(seen, name).not.toHaveProperty(name);
    // The lab's keep-alive agent sets its own Connection; the client's "close" is not the backend's business.
    expect(seen.connection).toBe('keep-alive');
    expect(seen['x-kept']).toBe('yes');
    expect(seen.host).toBe('lab.test:8080');
  });

  it('answers an Upgrade to another protocol (h2c) over HTTP/1.1 from a backend, without the Upgrade, as nginx does', async () => {
    await echoBackend(BASE + 3);
    const { stats } = await proxyOver([BASE + 3], BASE + 43);
    const body = await rawRequest(BASE + 43, ['GET /h2 HTTP/1.1', 'Host: lab.test', 'Connection: Upgrade, HTTP2-Settings', 'Upgrade: h2c', 'HTTP2-Settings: AAMAAABkAAQAAP__'].join('\r\n'));
    const seen = JSON.parse(body) as Record<string, string>;
    for (const name of ['upgrade', 'http2-settings']) expect(seen, name).not.toHaveProperty(name);
    // Counted when the lab's side of the socket has closed too.
    await waitFor('the hit to be counted', () => stats.backend(BASE + 3).hits === 1);
  });

  it('sets X-Forwarded-Proto and X-Forwarded-Host itself and appends the client to X-Forwarded-For', async () => {
    await echoBackend(BASE + 1);
    const { url } = await proxyOver([BASE + 1], BASE + 41);
    const reply = await fetch(url, { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'bank.example', 'X-Forwarded-For': '10.0.0.7' } });
    const seen = (await reply.json()) as Record<string, string>;
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBe(`127.0.0.1:${BASE + 41}`);
    expect(seen['x-forwarded-for']).toBe('10.0.0.7, 127.0.0.1');
  });

  it('keeps Upgrade for a WebSocket handshake, with Connection: Upgrade, and strips the other hop-by-hop headers', async () => {
    const server = http.createServer();
    const wss = new WebSocketServer({ server });
    const handshake = new Promise<http.IncomingHttpHeaders>((resolve) => wss.on('connection', (_socket, req) => resolve(req.headers)));
    await listen(server, BASE + 2);
    onCleanup(() => new Promise<void>((resolve) => (wss.clients.forEach((c) => c.terminate()), server.close(() => resolve()))));
    await proxyOver([BASE + 2], BASE + 42);
    const ws = new WebSocket(`ws://127.0.0.1:${BASE + 42}/`, { headers: { 'Keep-Alive': 'timeout=5', 'X-Forwarded-Proto': 'https' } });
    onCleanup(() => ws.terminate());
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const seen = await handshake;
    expect(seen.upgrade).toBe('websocket');
    expect(seen.connection).toBe('Upgrade');
    expect(seen).not.toHaveProperty('keep-alive');
    expect(seen['x-forwarded-proto']).toBe('http');
  });
});
