import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOnce, type CheckTarget } from '../../../electron/lab/health/check-once';
import { closeAll, listen, onCleanup, startBackend } from './helpers';

// Ports 26500-26549 belong to this file; health-checker.test.ts uses 26550-26599.
const BASE = 26500;
const target = (port: number, timeoutMs = 1000, path = '/health'): CheckTarget => ({ host: '127.0.0.1', port, path, timeoutMs });

afterEach(closeAll);

/** A server whose handler the test writes; closed in afterEach. */
async function serve(port: number, handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  await listen(server, port);
  onCleanup(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return server;
}

describe('checkOnce', () => {
  it('sends GET path on a fresh connection with Connection: close and the lb-lab-health agent, and passes on 200', async () => {
    const backend = await startBackend(BASE);
    const result = await checkOnce(target(BASE, 1000, '/healthz?deep=1'));
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/^200 in \d+ ms$/);
    const [req] = backend.requests;
    expect(req?.method).toBe('GET');
    expect(req?.url).toBe('/healthz?deep=1');
    expect(req?.headers['user-agent']).toBe('lb-lab-health');
    expect(req?.headers.connection).toBe('close');
  });

  it('passes on 2xx and 3xx and fails on 4xx and 5xx, saying the status', async () => {
    let status = 200;
    await serve(BASE + 1, (_req, res) => {
      res.statusCode = status;
      res.end();
    });
    const seen: [number, boolean, string][] = [];
    for (status of [200, 204, 301, 304, 399, 400, 404, 500, 503]) {
      const result = await checkOnce(target(BASE + 1));
      seen.push([status, result.ok, result.text.replace(/\d+ ms$/, 'N ms')]);
    }
    expect(seen).toEqual([
      [200, true, '200 in N ms'],
      [204, true, '204 in N ms'],
      [301, true, '301 in N ms'],
      [304, true, '304 in N ms'],
      [399, true, '399 in N ms'],
      [400, false, '400 in N ms'],
      [404, false, '404 in N ms'],
      [500, false, '500 in N ms'],
      [503, false, '503 in N ms'],
    ]);
  });

  it('fails with "connection refused" when nothing listens', async () => {
    expect(await checkOnce(target(BASE + 2))).toEqual({ ok: false, text: 'connection refused' });
  });

  it('fails with "timed out" when the backend never answers, and closes the connection', async () => {
    const backend = await startBackend(BASE + 3, 'hang');
    const started = Date.now();
    expect(await checkOnce(target(BASE + 3, 200))).toEqual({ ok: false, text: 'timed out after 200 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(backend.requests).toHaveLength(1);
    // The backend sees its request's connection go away.
    await new Promise<void>((resolve) => (backend.requests[0]!.socket.destroyed ? resolve() : backend.requests[0]!.socket.once('close', () => resolve())));
  });

  it('fails when the backend drops the connection without answering', async () => {
    await serve(BASE + 4, (req) => req.socket.destroy());
    expect(await checkOnce(target(BASE + 4))).toEqual({ ok: false, text: 'connection closed before a response' });
  });

  it('fails with "not an HTTP response" when the port speaks something else', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      // Read what the client sends, so its close is seen and the socket ends.
      socket.resume();
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    await listen(server, BASE + 5);
    onCleanup(() => new Promise<void>((resolve) => (sockets.forEach((socket) => socket.destroy()), server.close(() => resolve()))));
    expect(await checkOnce(target(BASE + 5))).toEqual({ ok: false, text: 'not an HTTP response' });
  });

  it('keeps the verdict of the status line when the body never ends, and still settles within the timeout', async () => {
    await serve(BASE + 6, (_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const started = Date.now();
    const result = await checkOnce(target(BASE + 6, 300));
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/^200 in \d+ ms$/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('ends at once with "cancelled" when its signal aborts', async () => {
    await startBackend(BASE + 7, 'hang');
    const controller = new AbortController();
    const pending = checkOnce(target(BASE + 7, 10_000), controller.signal);
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await pending).toEqual({ ok: false, text: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('does not send anything when the signal has already aborted', async () => {
    const backend = await startBackend(BASE + 8);
    const controller = new AbortController();
    controller.abort();
    expect(await checkOnce(target(BASE + 8), controller.signal)).toEqual({ ok: false, text: 'cancelled' });
    expect(backend.requests).toHaveLength(0);
  });

  it('reports a path http cannot send instead of throwing', async () => {
    expect(await checkOnce(target(BASE + 9, 1000, '/a b'))).toEqual({ ok: false, text: 'invalid check path' });
  });
});
