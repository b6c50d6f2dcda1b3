import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleBackendPath } from '../../../electron/lab/backends/sample-backend-path';
import { get, killPids, waitFor, whoami } from './helpers';

const PORT = 21100;

interface Started {
  child: ChildProcess;
  /** Everything it has written to stdout so far. */
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

/** Runs the sample backend as a plain child (no pty) and waits for its ready line. */
async function startBackend(port: number): Promise<Started> {
  const child = spawn(process.execPath, [sampleBackendPath(), String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitFor('the ready line', () => out.includes(`listening on http://127.0.0.1:${port}\n`));
  return { child, stdout: () => out, exited };
}

/** Starts GET /slow?ms and resolves with the request once its headers and first chunk are in. */
function startSlow(port: number, ms: number): Promise<{ req: http.ClientRequest; res: http.IncomingMessage; first: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/slow?ms=${ms}`, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.once('data', (first: string) => resolve({ req, res, first }));
    });
    req.on('error', reject);
  });
}

afterEach(async () => {
  const running = started.filter((child) => child.pid !== undefined && child.exitCode === null && child.signalCode === null);
  const gone = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  killPids(running.map((child) => child.pid!));
  await Promise.all(gone);
  started.length = 0;
});

describe('sample backend', () => {
  it('answers GET / with an HTML page showing its port, hit count and pid, and an inline icon', async () => {
    const { child } = await startBackend(PORT);
    await get(PORT, '/');
    const page = await get(PORT, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`:${PORT}</h1>`);
    expect(page.body).toContain('<dd id="hits">2</dd>');
    expect(page.body).toContain(`<dd id="pid">${child.pid}</dd>`);
    expect(page.body).toMatch(/<dd id="uptime">\d+s<\/dd>/);
    expect(page.body).toContain('<link rel="icon" href="data:,">');
    expect(page.body).toMatch(/background:hsl\(\d+ /);
  });

  it('gives each port a colour of its own', async () => {
    await startBackend(PORT);
    await startBackend(PORT + 1);
    const colour = (body: string): string => /background:(hsl\([^)]*\))/.exec(body)![1]!;
    const [a, b] = await Promise.all([get(PORT, '/'), get(PORT + 1, '/')]);
    expect(colour(a.body)).not.toBe(colour(b.body));
  });

  it('answers /whoami, and any GET that accepts JSON, with its port, pid, hits and start time', async () => {
    const { child } = await startBackend(PORT);
    const first = await whoami(PORT);
    expect(first).toEqual({
      port: PORT,
      pid: child.pid,
      hits: 1,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      aborted: 0,
      inFlight: 0,
      sessions: 1,
      session: { id: expect.stringMatching(/^[A-Za-z0-9_-]+$/), visits: 1 },
    });
    const viaAccept = await get(PORT, '/anything', { accept: 'application/json' });
    expect(viaAccept.headers['content-type']).toBe('application/json');
    expect(JSON.parse(viaAccept.body)).toMatchObject({ port: PORT, hits: 2 });
  });

  it('keeps an in-memory session per visitor: a known cookie counts up, an unknown one starts over', async () => {
    await startBackend(PORT);
    const first = await get(PORT, '/');
    const cookie = first.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^lab_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const session = cookie.split(';')[0]!;
    expect(first.body).toContain(`visit <span id="visits">1</span> in this session, kept by port ${PORT}`);
    const again = await get(PORT, '/whoami', { cookie: `other=1; ${session}` });
    expect(JSON.parse(again.body)).toMatchObject({ sessions: 1, session: { id: session.split('=')[1], visits: 2 } });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await get(PORT, '/', { cookie: session })).body).toContain('visit <span id="visits">3</span>');

    const stranger = JSON.parse((await get(PORT, '/whoami', { cookie: 'lab_session=from-another-backend' })).body);
    expect(stranger).toMatchObject({ sessions: 2, session: { visits: 1 } });
    expect(stranger.session.id).not.toBe('from-another-backend');
    // Health checks are not visitors.
    const checked = await get(PORT, '/whoami', { 'user-agent': 'lb-lab-health' });
    expect(JSON.parse(checked.body)).toMatchObject({ sessions: 2, session: null });
  });

  it('answers GET /health 200 until POST /health/fail, then 503 until POST /health/pass, with the sessions it holds', async () => {
    await startBackend(PORT);
    await get(PORT, '/');
    const health = async (): Promise<[number, unknown]> => {
      const reply = await get(PORT, '/health');
      return [reply.status, JSON.parse(reply.body)];
    };
    expect(await health()).toEqual([200, { status: 'passing', sessions: 1 }]);
    const post = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: PORT, path, method: 'POST', agent: false }, (res) => resolve(res.resume().statusCode ?? 0));
        req.on('error', reject);
        req.end();
      });
    expect(await post('/health/fail')).toBe(200);
    expect(await health()).toEqual([503, { status: 'failing', sessions: 1 }]);
    expect(await post('/health/pass')).toBe(200);
    expect(await health()).toEqual([200, { status: 'passing', sessions: 1 }]);
    expect(await post('/')).toBe(405);
  });

  it('counts every request as a hit, even a 404', async () => {
    await startBackend(PORT);
    expect((await get(PORT, '/nope')).status).toBe(404);
    expect((await get(PORT, '/')).status).toBe(200);
    expect((await whoami(PORT)).hits).toBe(3);
  });

  it('sends the headers and first chunk of /slow at once and the rest after the delay', async () => {
    await startBackend(PORT);
    const t0 = Date.now();
    const { res, first } = await startSlow(PORT, 400);
    expect(Date.now() - t0).toBeLessThan(300);
    expect(res.statusCode).toBe(200);
    expect(first).toContain('answering in 400 ms');
    const rest = await new Promise<string>((resolve) => {
      let text = '';
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    expect(rest).toContain('done after 400 ms');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
  });

  it('counts a /slow request whose client hung up in `aborted` and no longer in `inFlight`', async () => {
    await startBackend(PORT);
    const { req } = await startSlow(PORT, 30_000);
    expect((await whoami(PORT)).inFlight).toBe(1);
    req.destroy();
    await waitFor('the abort to be counted', async () => (await whoami(PORT)).aborted === 1);
    expect(await whoami(PORT)).toMatchObject({ aborted: 1, inFlight: 0 });
  });

  it('writes one nginx-style access-log line per request', async () => {
    const backend = await startBackend(PORT);
    const count = 200;
    for (let i = 0; i < count; i++) await get(PORT, `/whoami?i=${i}`);
    await get(PORT, '/missing');
    await waitFor('the log lines', () => backend.stdout().includes('"GET /missing HTTP/1.1" 404'));
    const lines = backend.stdout().split('\n').filter((line) => line.includes('"GET /whoami?i='));
    expect(lines).toHaveLength(count);
    expect(lines[0]).toMatch(/^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/whoami\?i=0 HTTP\/1\.1" 200 \d+ \d+\.\d{3}ms$/);
  });

  it('on SIGTERM stops accepting, finishes a request in flight, then exits 0', async () => {
    const backend = await startBackend(PORT);
    const { res } = await startSlow(PORT, 700);
    let body = '';
    res.on('data', (chunk: string) => (body += chunk));
    const ended = new Promise<void>((resolve) => res.on('end', () => resolve()));
    backend.child.kill('SIGTERM');
    await waitFor('the listener to close', async () => get(PORT, '/').then(() => false, () => true));
    await ended;
    expect(body).toContain('done after 700 ms');
    expect(await backend.exited).toEqual({ code: 0, signal: null });
    expect(backend.stdout()).toContain('SIGTERM: finishing 1 request(s) in flight');
  });

  it('exits at once on SIGTERM when only idle keep-alive connections are open', async () => {
    const backend = await startBackend(PORT);
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get({ host: '127.0.0.1', port: PORT, path: '/', agent }, (res) => res.resume().on('end', () => resolve())),
    );
    const t0 = Date.now();
    backend.child.kill('SIGTERM');
    expect(await backend.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(1_000);
    agent.destroy();
  });

  it('refuses to start without a port', async () => {
    const child = spawn(process.execPath, [sampleBackendPath()], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PORT: '' } });
    started.push(child);
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('usage: sample-backend.mjs <port>');
  });
});
