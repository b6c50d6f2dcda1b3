import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Snapshot } from '../../../electron/shared/types';
import { startHost as startTestHost, useHost } from '../../support/host-fixture';
import { api, hammer } from '../../support/http-client';
import { bearer } from '../../support/test-token';

const UI = 23670;
const BASE_URL = `http://127.0.0.1:${UI}`;
useHost();
const startHost = () => startTestHost(23600, UI);

/** What a command may change: the configuration and states, not the clock or counters. */
function state(snapshot: Snapshot) {
  return {
    algorithm: snapshot.proxy.algorithm,
    backends: snapshot.backends.map((b) => ({ port: b.port, status: b.status, weight: b.weight, maxFails: b.maxFails, failTimeoutMs: b.failTimeoutMs })),
  };
}

describe('control API', () => {
  it('refuses bad input with 400 {error, field}, an unknown port with 404, and changes nothing', async () => {
    const { lab } = await startHost();
    const before = state(lab.snapshot());
    const cases: [string, string, unknown, number, string | null][] = [
      ['POST', '/api/backends', { count: 0 }, 400, 'count'],
      ['POST', '/api/backends', { count: 17 }, 400, 'count'],
      ['POST', '/api/backends', { count: 'two' }, 400, 'count'],
      ['POST', '/api/backends', { weight: 257 }, 400, 'weight'],
      ['POST', '/api/backends', { command: 'python3 -m http.server' }, 400, 'command'],
      ['POST', '/api/backends', { colour: 'red' }, 400, 'colour'],
      ['POST', '/api/backends', '{not json', 400, 'body'],
      ['POST', '/api/backends', [1, 2], 400, 'body'],
      ['PATCH', '/api/backends/23600', { weight: -1 }, 400, 'weight'],
      ['PATCH', '/api/backends/23600', { weight: 1.5 }, 400, 'weight'],
      ['PATCH', '/api/backends/23600', { maxFails: 'x' }, 400, 'maxFails'],
      ['PATCH', '/api/backends/23600', {}, 400, 'body'],
      ['PATCH', '/api/backends/abc', { weight: 2 }, 400, 'port'],
      ['PATCH', '/api/backends/99999', { weight: 2 }, 400, 'port'],
      ['PATCH', '/api/backends/23650', { weight: 2 }, 404, 'port'],
      ['POST', '/api/backends/23650/stop', undefined, 404, 'port'],
      ['DELETE', '/api/backends/23650', undefined, 404, 'port'],
      ['PUT', '/api/balancer', { algorithm: 'fastest' }, 400, 'algorithm'],
      ['PUT', '/api/balancer', {}, 400, 'algorithm'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const reply = await api(BASE_URL, method, path, body);
      expect(reply.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(reply.json.field, `${method} ${path} ${JSON.stringify(body)}`).toBe(field);
      expect(typeof reply.json.error).toBe('string');
    }
    expect((await api(BASE_URL, 'POST', '/api/backends/23600/stop', undefined)).status).toBe(200);
    expect((await api(BASE_URL, 'POST', '/api/backends/23600/stop', undefined)).status).toBe(409);
    expect((await api(BASE_URL, 'GET', '/api/nothing-here')).status).toBe(404);
    const after = state(lab.snapshot());
    expect(after).toEqual({ ...before, backends: before.backends.map((b) => (b.port === 23600 ? { ...b, status: 'stopped' } : b)) });
  });

  it('applies good commands: weight, method, add, restart, remove, reset', async () => {
    const { lab } = await startHost();
    expect((await api(BASE_URL, 'PATCH', '/api/backends/23601', { weight: 4, maxFails: 3, failTimeoutMs: 2000 })).status).toBe(200);
    expect((await api(BASE_URL, 'PUT', '/api/balancer', { algorithm: 'least-conn' })).status).toBe(200);
    const added = await api(BASE_URL, 'POST', '/api/backends', { count: 1, weight: 2 });
    expect(added).toEqual({ status: 200, json: { ports: [23602] } });
    expect((await api(BASE_URL, 'POST', '/api/backends/23602/restart')).status).toBe(200);
    expect((await api(BASE_URL, 'DELETE', '/api/backends/23600')).status).toBe(200);
    expect((await api(BASE_URL, 'POST', '/api/stats/reset')).status).toBe(200);
    const snapshot = (await api(BASE_URL, 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.proxy.algorithm).toBe('least-conn');
    expect(snapshot.backends.map((b) => [b.port, b.weight, b.status, b.restarts])).toEqual([
      [23601, 4, 'up', 0],
      [23602, 2, 'up', 1],
    ]);
    expect(snapshot.backends[0]).toMatchObject({ maxFails: 3, failTimeoutMs: 2000 });
    expect(lab.snapshot().proxy.requests).toBe(0);
  });

  it('refuses requests from another origin or host name (no CSRF, no DNS rebinding)', async () => {
    const { lab } = await startHost();
    const evil = await api(BASE_URL, 'POST', '/api/backends', { count: 1, command: 'touch /tmp/pwned-{port}' }, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    // fetch() will not send a foreign Host header; node:http will.
    const rebound = await new Promise<number>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port: UI, path: '/api/snapshot', headers: { host: `evil.example:${UI}` } }, (res) => resolve(res.statusCode ?? 0)).on('error', reject),
    );
    expect(rebound).toBe(403);
    expect(lab.snapshot().backends).toHaveLength(2);
  });

  it('streams snapshots on /api/events at the fixed cadence, whatever the request rate', async () => {
    await startHost();
    const ws = new WebSocket(`ws://127.0.0.1:${UI}/api/events`, { headers: bearer() });
    const snapshots: number[] = [];
    const events: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; snapshot?: Snapshot; event?: { message: string } };
      if (message.type === 'snapshot') snapshots.push(message.snapshot!.at);
      else events.push(message.event!.message);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const load = await hammer('http://127.0.0.1:23680/', 8, sleep(1000));
    ws.close();
    expect(load.ok).toBeGreaterThan(100);
    // About 10 a second (the first on connect) while hundreds of requests went through:
    // loose bounds, since a shared machine may delay timers.
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    expect(snapshots.length).toBeLessThanOrEqual(15);
    expect(snapshots.length).toBeLessThan(load.ok / 10);
    // Events that happened before the client connected are replayed to it.
    expect(events.filter((e) => /^236\d\d up \(pid \d+\)$/.test(e))).toHaveLength(2);
  });
});
