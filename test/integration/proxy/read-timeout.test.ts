import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backend, closeAll, listen, onCleanup, proxyOver, request } from './helpers';

// Ports 26000-26049 belong to this file.
const BASE = 26000;
/** Short, so a hung attempt costs little; every assert is on the outcome, never on the time taken. */
const READ_TIMEOUT = 300;

afterEach(closeAll);

/** A real node:http backend in its own process, so it can be stopped with SIGSTOP as a user would (`kill -STOP`). */
async function processBackend(port: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('${port}')).listen(${port}, '127.0.0.1', () => console.log('ready'))`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // SIGKILL ends a stopped process too.
  onCleanup(() => void child.kill('SIGKILL'));
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  return child.pid!;
}

/** A backend that accepts every connection and never sends a byte (a deadlocked app). */
async function silentBackend(port: number): Promise<void> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, port);
  onCleanup(() => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))));
}

describe('read timeout (nginx proxy_read_timeout) and a hung backend', () => {
  it('answers a request that met a SIGSTOPped backend from the next server, counts one failure there, and sends it nothing more', async () => {
    const hung = BASE;
    const pid = await processBackend(hung);
    await backend(BASE + 1);
    const { url, stats } = await proxyOver([hung, BASE + 1], BASE + 40, { settings: { readTimeoutMs: READ_TIMEOUT } });
    // Warm up while it is alive: round-robin has used both once.
    expect((await request(url)).status).toBe(200);
    expect((await request(url)).status).toBe(200);
    process.kill(pid, 'SIGSTOP');

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await request(url));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.backend)).toEqual(Array(4).fill(String(BASE + 1)));
    // One request met the stopped process; max_fails=1 then kept the others away from it.
    expect(stats.backend(hung).failures).toBe(1);
    expect(stats.backend(hung).retries).toBe(1);
    expect(stats.errors).toBe(0);
  });

  it('does the same for an injected hang, and the backend never sees the request', async () => {
    const faulty = await backend(BASE + 2);
    await backend(BASE + 3);
    const { url, stats, proxy } = await proxyOver([BASE + 2, BASE + 3], BASE + 41, { settings: { readTimeoutMs: READ_TIMEOUT } });
    proxy.setFault(BASE + 2, { hang: true });
    const answer = await request(url);
    expect(answer.status).toBe(200);
    expect(answer.backend).toBe(String(BASE + 3));
    expect(stats.backend(BASE + 2).failures).toBe(1);
    expect(stats.backend(BASE + 2).retries).toBe(1);
    expect(faulty.served()).toBe(0);
  });

  it('answers 504 when every server hangs, real or injected, after trying each once', async () => {
    await silentBackend(BASE + 4);
    await backend(BASE + 5);
    const { url, stats, proxy } = await proxyOver([BASE + 4, BASE + 5], BASE + 42, { settings: { readTimeoutMs: READ_TIMEOUT } });
    proxy.setFault(BASE + 5, { hang: true });
    const answer = await request(url);
    expect(answer.status).toBe(504);
    expect(answer.backend).toBe('none');
    expect(stats.backend(BASE + 4).failures).toBe(1);
    expect(stats.backend(BASE + 5).failures).toBe(1);
    expect(stats.errors).toBe(1);
  });

  it('answers 504 at once, with no retry, when timeout is not among the retry conditions, and still counts the failure', async () => {
    await silentBackend(BASE + 6);
    const other = await backend(BASE + 7);
    const { url, stats } = await proxyOver([BASE + 6, BASE + 7], BASE + 43, { settings: { readTimeoutMs: READ_TIMEOUT, nextUpstream: ['error'] } });
    const answer = await request(url);
    expect(answer.status).toBe(504);
    expect(stats.backend(BASE + 6).failures).toBe(1);
    expect(stats.backend(BASE + 6).retries).toBe(0);
    expect(other.served()).toBe(0);
  });

  it('does not retry a POST that timed out on a server (it reached it), unless non_idempotent is listed', async () => {
    await silentBackend(BASE + 8);
    await backend(BASE + 9);
    const { url, proxy } = await proxyOver([BASE + 8, BASE + 9], BASE + 44, { settings: { readTimeoutMs: READ_TIMEOUT }, maxFails: 0 });
    expect((await request(url, 'POST', 'order=1')).status).toBe(504);
    proxy.configure({ nextUpstream: ['error', 'timeout', 'non_idempotent'] });
    // Round-robin is on the silent one again after one request to the other.
    expect((await request(url, 'POST', 'order=2')).status).toBe(200);
    const retried = await request(url, 'POST', 'order=3');
    expect(retried.status).toBe(200);
    expect(retried.backend).toBe(String(BASE + 9));
  });

  it('cuts the client off, and retries nothing, when a response stalls after its first bytes', async () => {
    await backend(BASE + 10, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      // ...and nothing more: the read timeout counts between two reads too.
    });
    const other = await backend(BASE + 11);
    const { url, stats } = await proxyOver([BASE + 10, BASE + 11], BASE + 45, { settings: { readTimeoutMs: READ_TIMEOUT } });
    await expect(request(url)).rejects.toThrow();
    expect(other.served()).toBe(0);
    expect(stats.backend(BASE + 10).retries).toBe(0);
  });

  it('applies a read timeout changed live to the next request', async () => {
    await backend(BASE + 12, (_req, res) => void setTimeout(() => res.end('slow'), 150));
    const { url, proxy } = await proxyOver([BASE + 12], BASE + 46, { settings: { readTimeoutMs: 5000 }, maxFails: 0 });
    expect((await request(url)).body).toBe('slow');
    proxy.configure({ readTimeoutMs: 20 });
    expect((await request(url)).status).toBe(504);
    expect(proxy.settings.readTimeoutMs).toBe(20);
  });
});
