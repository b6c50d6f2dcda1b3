import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { get } from '../../support/http-client';
import { startLab, useLabs } from '../../support/lab-fixture';
import { mapSequence, nginxScenario, weightsOf } from '../../support/nginx-fixture';

useLabs();
const BASE = 22000;
const PROXY = 22080;

describe('weighted proxy', () => {
  it('sends 1000 sequential requests at 3:5:2 as exactly 300/500/200 in the order nginx produces', async () => {
    const scenario = nginxScenario('w352');
    const weights = weightsOf(scenario);
    const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY, weights });
    const ports = lab.snapshot().backends.map((b) => b.port);
    const expected = mapSequence(scenario, ports);

    const answered: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const reply = await get(`http://127.0.0.1:${PROXY}/whoami`);
      expect(reply.status).toBe(200);
      const port = Number(reply.headers['x-lab-backend']);
      expect(JSON.parse(reply.body).port).toBe(port);
      answered.push(port);
    }

    answered.forEach((port, i) => expect(port, `request ${i + 1}`).toBe(expected[i % expected.length]));
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = ports.map((p) => answered.filter((a) => a === p).length);
    expect(counts).toEqual(weights.map((w) => (1000 * w) / total));

    // The lab's counts are exact: they match the proxy total and each backend's own count.
    const snapshot = lab.snapshot();
    expect(snapshot.backends.map((b) => b.hits)).toEqual(counts);
    expect(snapshot.proxy.requests).toBe(1000);
    expect(snapshot.proxy.errors).toBe(0);
    for (const backend of snapshot.backends) {
      const own = JSON.parse((await get(`http://127.0.0.1:${backend.port}/whoami`, false)).body);
      // The direct /whoami is itself one more hit on the backend.
      expect(own.hits).toBe(backend.hits + 1);
      expect(backend.responses['2xx']).toBe(backend.hits);
    }
  });

  it('answers 502 with a page that says no backend is up when none is', async () => {
    const lab = await startLab({ backends: 1, basePort: BASE + 10, proxyPort: PROXY + 1 });
    const port = lab.snapshot().backends[0]!.port;
    await lab.backendAction(port, 'stop');
    const reply = await get(`http://127.0.0.1:${PROXY + 1}/`);
    expect(reply.status).toBe(502);
    expect(reply.body).toContain('No backend is up');
    expect(lab.snapshot().proxy.errors).toBe(1);
  });

  it('forwards X-Forwarded-For/-Proto/-Host once and names the backend in X-Lab-Backend', async () => {
    const echo = resolve(import.meta.dirname, '../../support/echo-headers-backend.mjs');
    await startLab({ backends: 1, basePort: BASE + 20, proxyPort: PROXY + 2, command: `"${process.execPath}" "${echo}" {port}` });
    const reply = await get(`http://127.0.0.1:${PROXY + 2}/anything`, false, { 'x-forwarded-for': '10.0.0.7' });
    expect(reply.headers['x-lab-backend']).toBe(String(BASE + 20));
    const { headers } = JSON.parse(reply.body) as { headers: Record<string, string> };
    expect(headers['x-forwarded-for']).toBe('10.0.0.7, 127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(`127.0.0.1:${PROXY + 2}`);
  });
});
