import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../electron/shared/types';
import { startHost, useHost } from '../../support/host-fixture';
import { api, get, keepAlive } from '../../support/http-client';
import { bearer } from '../../support/test-token';

useHost();
const BASE = 22800;
const UI = 22890;
const CONTROL = `http://127.0.0.1:${UI}`;
const PROXY = `http://127.0.0.1:${BASE + 80}`;
const snapshot = async (): Promise<Snapshot> => (await api(CONTROL, 'GET', '/api/snapshot')).json as Snapshot;

describe('the commands wired into the lab, through the control API', () => {
  it('sets a fault live, shows it in words in the snapshot and the event log, and clears it', async () => {
    await startHost(BASE, UI);
    expect((await api(CONTROL, 'PUT', `/api/backends/${BASE}/fault`, { errorRate: 1, errorStatus: 503 })).status).toBe(200);
    const faulted = (await snapshot()).backends.find((b) => b.port === BASE)!;
    expect(faulted.fault).toEqual({ errorRate: 1, errorStatus: 503 });
    expect(faulted.faultWords).toBe('100% → 503');
    // Every request that lands on the faulted backend is answered 503 by the lab in its place.
    const statuses = await Promise.all(Array.from({ length: 6 }, () => get(`${PROXY}/health`, false).then((r) => r.status)));
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    const events = (await api(CONTROL, 'GET', '/api/events/recent')).json as { message: string }[];
    expect(events.map((e) => e.message)).toContain(`${BASE} fault set: 100% → 503`);
    expect((await api(CONTROL, 'DELETE', `/api/backends/${BASE}/fault`)).status).toBe(200);
    expect((await snapshot()).backends.find((b) => b.port === BASE)!.fault).toBeNull();
  });

  it('refuses bad faults and proxy settings naming the field, and changes nothing', async () => {
    await startHost(BASE, UI);
    const before = await snapshot();
    const cases: [string, string, unknown, number, string][] = [
      ['PUT', `/api/backends/${BASE}/fault`, { errorRate: 1.5 }, 400, 'errorRate'],
      ['PUT', `/api/backends/${BASE}/fault`, { latencyMs: -1 }, 400, 'latencyMs'],
      ['PUT', `/api/backends/${BASE}/fault`, { errorStatus: 700 }, 400, 'errorStatus'],
      ['PUT', `/api/backends/${BASE}/fault`, { slow: true }, 400, 'slow'],
      ['PUT', `/api/backends/${BASE + 40}/fault`, { hang: true }, 404, 'port'],
      ['PUT', '/api/proxy', { readTimeoutMs: 0 }, 400, 'readTimeoutMs'],
      ['PUT', '/api/proxy', { nextUpstream: ['http_418'] }, 400, 'nextUpstream.0'],
      ['PUT', '/api/proxy', { nextUpstreamTries: -1 }, 400, 'nextUpstreamTries'],
      ['POST', '/api/load', { rate: 10_000_000 }, 400, 'rate'],
      ['POST', '/api/load', { target: 'http://example.com' }, 400, 'target'],
      ['GET', '/api/export/apache', undefined, 400, 'kind'],
      ['POST', '/api/import/nginx', { config: 'upstream a { server x:1 weight=4 }' }, 400, 'config'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const reply = await api(CONTROL, method, path, body);
      expect([reply.status, reply.json.field], `${method} ${path} ${JSON.stringify(body)}`).toEqual([status, field]);
    }
    const after = await snapshot();
    const config = (s: Snapshot) => ({ proxy: { ...s.proxy, requests: 0, rps: 0, load: null }, backends: s.backends.map((b) => [b.port, b.fault, b.weight]) });
    expect(config(after)).toEqual(config(before));
  });

  it('changes nginx\'s timeouts and retry conditions live, and the snapshot shows them', async () => {
    await startHost(BASE, UI);
    expect((await api(CONTROL, 'PUT', '/api/proxy', { readTimeoutMs: 1500, nextUpstream: ['error', 'timeout', 'http_503'] })).status).toBe(200);
    expect((await snapshot()).proxy).toMatchObject({ connectTimeoutMs: 1000, readTimeoutMs: 1500, nextUpstream: ['error', 'timeout', 'http_503'], nextUpstreamTries: 0 });
    // With http_503 listed, a backend at 100% → 503 costs the client nothing.
    await api(CONTROL, 'PUT', `/api/backends/${BASE}/fault`, { errorRate: 1, errorStatus: 503 });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => get(`${PROXY}/health`, false).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('returns its setup, exports it for nginx and HAProxy, and takes in a pasted upstream block', async () => {
    await startHost(BASE, UI);
    await api(CONTROL, 'PUT', '/api/balancer', { algorithm: 'weighted' });
    await api(CONTROL, 'PATCH', `/api/backends/${BASE + 1}`, { weight: 3 });
    const setup = (await api(CONTROL, 'GET', '/api/setup')).json as { backends: { port: number; weight?: number }[] };
    expect(setup.backends.map((b) => [b.port, b.weight ?? 1])).toEqual([
      [BASE, 1],
      [BASE + 1, 3],
    ]);
    const nginx = await get(`${CONTROL}/api/export/nginx`, keepAlive, bearer());
    expect(nginx.headers['content-type']).toMatch(/^text\/plain/);
    expect(nginx.body).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${BASE + 1} weight=3`));
    expect((await get(`${CONTROL}/api/export/haproxy`, keepAlive, bearer())).body).toMatch(/balance roundrobin|balance/);
    const imported = await api(CONTROL, 'POST', '/api/import/nginx', { config: 'upstream demo_api {\n  server demo_api_1:8001 weight=4;\n  server demo_api_2:8001 weight=6;\n  keepalive 16;\n}\n' });
    expect(imported.status).toBe(200);
    expect(imported.json.mapping.map((m: { server: string; port: number }) => [m.server, m.port])).toEqual([
      ['demo_api_1:8001', BASE],
      ['demo_api_2:8001', BASE + 1],
    ]);
    expect(imported.json.unsupported.join(' ')).toMatch(/keepalive/);
    const after = await snapshot();
    expect(after.proxy.algorithm).toBe('weighted');
    expect(after.backends.map((b) => [b.port, b.weight, b.status])).toEqual([
      [BASE, 4, 'up'],
      [BASE + 1, 6, 'up'],
    ]);
  });

  it('answers a start that does not come up with 502 naming why (its output), and keeps the backend to look at', async () => {
    await startHost(BASE, UI);
    const reply = await api(CONTROL, 'POST', '/api/backends', { count: 1, basePort: BASE + 10, command: "sh -c 'echo no-such-app-{port}; exit 3'" });
    expect(reply.status).toBe(502);
    expect(reply.json.error).toMatch(new RegExp(`${BASE + 10} did not come up`));
    expect(reply.json.error).toMatch(/no-such-app/);
    expect((await snapshot()).backends.find((b) => b.port === BASE + 10)?.status).toBe('failed');
  });

  it('runs commands on one port in order: a remove racing a restart, 20 times, leaves no row and no process', async () => {
    const host = await startHost(BASE, UI);
    for (let i = 0; i < 20; i++) {
      const added = await api(CONTROL, 'POST', '/api/backends', { count: 1, basePort: BASE + 20 });
      const port = added.json.ports[0] as number;
      const [restart, remove] = await Promise.all([api(CONTROL, 'POST', `/api/backends/${port}/restart`), api(CONTROL, 'DELETE', `/api/backends/${port}`)]);
      // In order: the restart runs first, then the remove.
      expect([restart.status, remove.status]).toEqual([200, 200]);
      expect(host.lab.snapshot().backends.some((b) => b.port === port)).toBe(false);
      expect(await get(`http://127.0.0.1:${port}/health`, false).then(() => 'answered', () => 'refused')).toBe('refused');
    }
  });

  it('runs the hammer against its own proxy only, and its counts equal the proxy\'s', async () => {
    const host = await startHost(BASE, UI);
    const started = await api(CONTROL, 'POST', '/api/load', { rate: 100, durationS: 1, paths: ['/health'] });
    expect([started.status, started.json.state]).toEqual([200, 'running']);
    expect((await api(CONTROL, 'POST', '/api/load', { rate: 10 })).status).toBe(409);
    const ended = await host.lab.loadEnded();
    expect(ended.state).toBe('done');
    const status = (await api(CONTROL, 'GET', '/api/load')).json;
    const proxy = (await snapshot()).proxy;
    expect(status.answered).toBe(proxy.requests);
    expect(status.result.requests).toBe(proxy.requests);
    const events = ((await api(CONTROL, 'GET', '/api/events/recent')).json as { message: string }[]).map((e) => e.message);
    expect(events.some((m) => m.startsWith('hammer started'))).toBe(true);
    expect(events.some((m) => m.startsWith('hammer done'))).toBe(true);
  });
});
