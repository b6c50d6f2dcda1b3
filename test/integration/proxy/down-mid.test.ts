import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createBalancer } from '../../../electron/lab/balancer/create-balancer';
import { LabProxy } from '../../../electron/lab/proxy/lab-proxy';
import { LabStats } from '../../../electron/lab/stats/lab-stats';
import { get } from '../../support/http-client';
import { mapSequence, nginxScenario, weightsOf } from '../../support/nginx-fixture';

const BASE = 22300;
const PROXY = 22380;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A real backend on a real socket that answers with its port. */
async function backend(port: number): Promise<void> {
  const server = http.createServer((_req, res) => res.end(String(port)));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
}

describe('proxy failover on an unforeseen refusal (nginx down_mid)', () => {
  it('retries a refused connection on the next peer, marks the peer failed, and reproduces nginx’s sequence with no client error', async () => {
    const scenario = nginxScenario('down_mid');
    const ports = [BASE, BASE + 1, BASE + 2];
    // Like the recording: the middle server (weight 5) is not running at all.
    await backend(ports[0]!);
    await backend(ports[2]!);
    const weights = weightsOf(scenario);
    const balancer = createBalancer('weighted', ports.map((id, i) => ({ id, weight: weights[i]!, maxFails: 1, failTimeoutMs: 10_000 })));
    const stats = new LabStats();
    const proxy = new LabProxy({ host: '127.0.0.1', port: PROXY, balancer, stats, connectTimeoutMs: 1000 });
    await proxy.listen();
    closers.push(() => proxy.close());

    const answered: number[] = [];
    for (let i = 0; i < scenario.sequence.length; i++) {
      const reply = await get(`http://127.0.0.1:${PROXY}/`);
      expect(reply.status, `request ${i + 1}`).toBe(200);
      answered.push(Number(reply.body));
    }
    expect(answered).toEqual(mapSequence(scenario, ports));
    expect(stats.backend(ports[1]!).failures).toBe(1);
    expect(stats.backend(ports[1]!).retries).toBe(1);
    expect(stats.errors).toBe(0);
    expect(stats.backend(ports[0]!).hits + stats.backend(ports[2]!).hits).toBe(scenario.sequence.length);
  });

  it('gives up with 502 only when every peer has refused', async () => {
    const balancer = createBalancer('round-robin', [BASE + 10, BASE + 11].map((id) => ({ id, weight: 1, maxFails: 1, failTimeoutMs: 10_000 })));
    const stats = new LabStats();
    const proxy = new LabProxy({ host: '127.0.0.1', port: PROXY + 1, balancer, stats, connectTimeoutMs: 1000 });
    await proxy.listen();
    closers.push(() => proxy.close());
    const reply = await get(`http://127.0.0.1:${PROXY + 1}/`);
    expect(reply.status).toBe(502);
    expect(stats.backend(BASE + 10).failures + stats.backend(BASE + 11).failures).toBe(2);
    expect(stats.errors).toBe(1);
  });
});
