import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { BalancerAlgorithm } from '../../../electron/lab/balancer/types';
import { seededRandom } from '../../support/seeded-random';
import { backend, closeAll, proxyOver } from './helpers';

// Ports 26100-26149 belong to this file.
const BASE = 26100;
const WORKERS = 4;
const PER_WORKER = 20;

afterEach(closeAll);

/** WORKERS keep-alive clients, PER_WORKER requests each, back to back: bounded in count. Returns the answers per backend. */
async function load(url: string): Promise<Map<string, number>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
  const counts = new Map<string, number>();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          const who = String(res.headers['x-lab-backend']);
          counts.set(who, (counts.get(who) ?? 0) + 1);
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = 0; i < PER_WORKER; i++) await one();
    }),
  );
  agent.destroy();
  return counts;
}

async function slowShare(algorithm: BalancerAlgorithm, base: number): Promise<number> {
  const ports = [base, base + 1, base + 2];
  for (const port of ports) await backend(port);
  const { url, proxy } = await proxyOver(ports, base + 40, { algorithm });
  proxy.setFault(base, { latencyMs: 200 });
  const counts = await load(url);
  return counts.get(String(base)) ?? 0;
}

describe('injected latency', () => {
  it('makes least-conn send the slow backend clearly fewer requests than round-robin does under concurrent load', async () => {
    const roundRobin = await slowShare('round-robin', BASE);
    const leastConn = await slowShare('least-conn', BASE + 3);
    // Round-robin ignores how busy a backend is: about a third each.
    expect(roundRobin).toBeGreaterThanOrEqual(Math.floor((WORKERS * PER_WORKER) / 3));
    expect(leastConn * 2).toBeLessThan(roundRobin);
  });

  it('grows the time to first byte the proxy measures (what least-time steers by) by at least the latency', async () => {
    const ports = [BASE + 6, BASE + 7];
    for (const port of ports) await backend(port);
    const { url, proxy, balancer } = await proxyOver(ports, BASE + 41);
    const latencyMs = 120;
    proxy.setFault(BASE + 6, { latencyMs });
    for (let i = 0; i < 6; i++) await fetch(url).then((r) => r.text());
    const [slow, fast] = balancer.peers;
    // A timer may fire a tick early against performance.now(); allow that and nothing else.
    expect(slow!.ttfbAvgMs).toBeGreaterThanOrEqual(latencyMs - 5);
    expect(fast!.ttfbAvgMs!).toBeLessThan(slow!.ttfbAvgMs!);
  });

  it('serves concurrent requests through a jittered latency drawn with the injected dice, never below latency minus jitter', async () => {
    const ports = [BASE + 8];
    await backend(BASE + 8);
    const { url, proxy, balancer } = await proxyOver(ports, BASE + 42, { random: seededRandom(7), maxFails: 0 });
    proxy.setFault(BASE + 8, { latencyMs: 60, jitterMs: 40 });
    expect(proxy.faultWords(BASE + 8)).toBe('+60 ms ±40');
    const answers = await Promise.all(Array.from({ length: 4 }, () => fetch(url).then((r) => r.status)));
    expect(answers).toEqual([200, 200, 200, 200]);
    expect(balancer.peers[0]!.ttfbAvgMs).toBeGreaterThanOrEqual(20 - 5);
  });
});
