import http from 'node:http';
import type net from 'node:net';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import type { Balancer } from '../../../electron/lab/balancer/types';
import type { BalancerAlgorithm } from '../../../electron/lab/balancer/types';
import { LabProxy, type LabProxyOptions } from '../../../electron/lab/proxy/lab-proxy';
import { LabStats } from '../../../electron/lab/stats/lab-stats';

const closers: (() => Promise<void> | void)[] = [];

/** Register a clean-up step for `closeAll`. */
export function onCleanup(close: () => Promise<void> | void): void {
  closers.push(close);
}

/** Run every clean-up step, newest first (call it in afterEach, so it runs when a test fails too). */
export async function closeAll(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close();
}

export function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A real backend on 127.0.0.1:port; by default it answers 200 with its port. Counts what it served. */
export async function backend(port: number, handler?: http.RequestListener): Promise<{ served: () => number }> {
  let served = 0;
  const server = http.createServer((req, res) => {
    served++;
    if (handler) handler(req, res);
    else res.end(String(port));
  });
  await listen(server, port);
  onCleanup(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { served: () => served };
}

export interface ProxyUnderTest {
  proxy: LabProxy;
  stats: LabStats;
  balancer: Balancer;
  url: string;
}

/** A LabProxy on `proxyPort` over `ports` (max_fails 1, fail_timeout 10 s, as nginx's defaults). */
export async function proxyOver(
  ports: number[],
  proxyPort: number,
  options: Partial<Pick<LabProxyOptions, 'settings' | 'random'>> & { algorithm?: BalancerAlgorithm; maxFails?: number } = {},
): Promise<ProxyUnderTest> {
  const balancer = createBalancer(options.algorithm ?? 'round-robin', ports.map((id) => ({ id, weight: 1, maxFails: options.maxFails ?? 1, failTimeoutMs: 10_000 })));
  const stats = new LabStats();
  const proxy = new LabProxy({ host: '127.0.0.1', port: proxyPort, balancer, stats, ...(options.settings ? { settings: options.settings } : {}), ...(options.random ? { random: options.random } : {}) });
  await proxy.listen();
  onCleanup(() => proxy.close());
  return { proxy, stats, balancer, url: `http://127.0.0.1:${proxyPort}/` };
}

export interface Answer {
  status: number;
  body: string;
  backend: string | undefined;
  headers: http.IncomingHttpHeaders;
}

/** One request on a fresh connection; a body makes it carry one. Rejects on a cut connection. */
export function request(url: string, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, ...(body !== undefined ? { headers: { 'content-type': 'text/plain' } } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), backend: res.headers['x-lab-backend'] as string | undefined, headers: res.headers }));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.end(body);
  });
}
