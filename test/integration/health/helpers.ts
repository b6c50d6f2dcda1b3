import http from 'node:http';
import net from 'node:net';

/** How a test backend answers: 200, 503, or never (holds the request open). */
export type Mode = 'ok' | 'fail' | 'hang';

/** A real node:http backend on 127.0.0.1 that records the checks it receives. */
export interface TestBackend {
  readonly port: number;
  mode: Mode;
  /** Every request seen, in order. */
  readonly requests: http.IncomingMessage[];
  /** Most requests that were open at the same moment. */
  maxOpen: number;
  close(): Promise<void>;
}

const closers: (() => Promise<void> | void)[] = [];

/** Register a clean-up step for `closeAll` (run in afterEach, so it runs when a test fails too). */
export function onCleanup(close: () => Promise<void> | void): void {
  closers.push(close);
}

/** Run every registered clean-up, newest first. */
export async function closeAll(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close();
}

/** Start a backend on `port`; it is closed by `closeAll` if the test has not closed it. */
export async function startBackend(port: number, mode: Mode = 'ok'): Promise<TestBackend> {
  let open = 0;
  const server = http.createServer((req, res) => {
    backend.requests.push(req);
    open++;
    backend.maxOpen = Math.max(backend.maxOpen, open);
    res.on('close', () => open--);
    if (backend.mode === 'hang') return;
    res.statusCode = backend.mode === 'ok' ? 200 : 503;
    res.end(backend.mode);
  });
  let closed = false;
  const backend: TestBackend = {
    port,
    mode,
    requests: [],
    maxOpen: 0,
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  await listen(server, port);
  onCleanup(() => backend.close());
  return backend;
}

/** Listen on 127.0.0.1:port; resolves once listening. */
export function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Poll until `done()` holds; throws with `what` after `timeoutMs` so a failing test says what never happened. */
export async function until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
