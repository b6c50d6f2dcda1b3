import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../electron/shared/types';
import { startHost as startTestHost, useHost } from '../../support/host-fixture';
import { api } from '../../support/http-client';

const UI = 27770;
const BASE_URL = `http://127.0.0.1:${UI}`;
useHost();
const startHost = () => startTestHost(27700, UI);

/** Everything a command may change, and nothing that moves by itself. */
function state(snapshot: Snapshot) {
  const { algorithm, hashKey, trustForwardedFor, sticky, health } = snapshot.proxy;
  return {
    proxy: { algorithm, hashKey, trustForwardedFor, sticky, health },
    backends: snapshot.backends.map((b) => ({
      port: b.port,
      status: b.status,
      weight: b.weight,
      backup: b.backup,
      down: b.down,
      drain: b.drain,
      maxFails: b.maxFails,
      failTimeoutMs: b.failTimeoutMs,
      maxConns: b.maxConns,
      slowStartMs: b.slowStartMs,
      inRotation: b.inRotation,
    })),
  };
}

const goodHealth = { path: '/health', intervalMs: 1000, rise: 2, fall: 3 };

describe('control API: methods and server flags', () => {
  it('refuses bad values of every new field with 400 naming it, and changes nothing', async () => {
    const { lab } = await startHost();
    const before = state(lab.snapshot());
    const cases: [string, string, unknown, string][] = [
      ['PATCH', '/api/backends/27700', { backup: 'yes' }, 'backup'],
      ['PATCH', '/api/backends/27700', { down: 1 }, 'down'],
      ['PATCH', '/api/backends/27700', { drain: null }, 'drain'],
      ['PATCH', '/api/backends/27700', { maxConns: -1 }, 'maxConns'],
      ['PATCH', '/api/backends/27700', { maxConns: 2.5 }, 'maxConns'],
      ['PATCH', '/api/backends/27700', { slowStartMs: 'slow' }, 'slowStartMs'],
      ['PATCH', '/api/backends/27700', { slowStartMs: 3_600_001 }, 'slowStartMs'],
      ['PATCH', '/api/backends/27700', { down: true, weight: 300 }, 'weight'],
      ['PATCH', '/api/backends/27700', { sticky: true }, 'sticky'],
      ['PUT', '/api/balancer', { algorithm: 'hash', hashKey: 'cookie' }, 'hashKey'],
      ['PUT', '/api/balancer', { algorithm: 'ip-hash', trustForwardedFor: 'true' }, 'trustForwardedFor'],
      ['PUT', '/api/balancer', { algorithm: 'round-robin', sticky: 'on' }, 'sticky'],
      ['PUT', '/api/balancer', { sticky: true, algorithm: 'fastest' }, 'algorithm'],
      ['PUT', '/api/health', { ...goodHealth, path: 'health' }, 'path'],
      ['PUT', '/api/health', { ...goodHealth, path: '/a b' }, 'path'],
      ['PUT', '/api/health', { ...goodHealth, intervalMs: 10 }, 'intervalMs'],
      ['PUT', '/api/health', { ...goodHealth, rise: 0 }, 'rise'],
      ['PUT', '/api/health', { ...goodHealth, fall: 'three' }, 'fall'],
      ['PUT', '/api/health', { ...goodHealth, enabled: 'no' }, 'enabled'],
      ['PUT', '/api/health', { path: '/health' }, 'intervalMs'],
      ['PUT', '/api/health', { ...goodHealth, timeoutMs: 5 }, 'timeoutMs'],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await api(BASE_URL, method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expect(reply.status, what).toBe(400);
      expect(reply.json.field, what).toBe(field);
      expect(reply.json.error, what).toContain(field);
    }
    expect(state(lab.snapshot())).toEqual(before);
  });

  it('refuses backup with ip-hash (either way round) with 409 naming nginx’s rule, and changes nothing', async () => {
    const { lab } = await startHost();
    expect((await api(BASE_URL, 'PUT', '/api/balancer', { algorithm: 'ip-hash', sticky: true })).status).toBe(200);
    const before = state(lab.snapshot());
    const patch = await api(BASE_URL, 'PATCH', '/api/backends/27701', { backup: true, weight: 3 });
    expect(patch.status).toBe(409);
    expect(patch.json).toMatchObject({ field: 'backup', error: expect.stringContaining('nginx') });
    expect(patch.json.error).toContain('ip_hash');
    expect(state(lab.snapshot())).toEqual(before);

    expect((await api(BASE_URL, 'PUT', '/api/balancer', { algorithm: 'weighted' })).status).toBe(200);
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27701', { backup: true })).status).toBe(200);
    const beforeHash = state(lab.snapshot());
    const method = await api(BASE_URL, 'PUT', '/api/balancer', { algorithm: 'hash', hashKey: 'path', sticky: false });
    expect(method.status).toBe(409);
    expect(method.json).toMatchObject({ field: 'algorithm', error: expect.stringContaining('27701 is a backup') });
    expect(state(lab.snapshot())).toEqual(beforeHash);
  });

  it('applies every new field and shows it in the snapshot', async () => {
    const { lab } = await startHost();
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27700', { maxConns: 7, slowStartMs: 1500, maxFails: 2, failTimeoutMs: 500 })).status).toBe(200);
    expect((await api(BASE_URL, 'PATCH', '/api/backends/27701', { backup: true, drain: true })).status).toBe(200);
    expect((await api(BASE_URL, 'PUT', '/api/balancer', { algorithm: 'least-conn', hashKey: 'client', trustForwardedFor: true, sticky: true })).status).toBe(200);
    expect((await api(BASE_URL, 'PUT', '/api/health', goodHealth)).status).toBe(200);
    const snapshot = (await api(BASE_URL, 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.proxy).toMatchObject({ algorithm: 'least-conn', hashKey: 'client', trustForwardedFor: true, sticky: true, health: { enabled: true, ...goodHealth } });
    expect(snapshot.backends[0]).toMatchObject({ maxConns: 7, slowStartMs: 1500, slowStartProgress: null, maxFails: 2, failTimeoutMs: 500, backup: false, drain: false, down: false, failed: false, inRotation: true, stickyClients: 0 });
    expect(snapshot.backends[1]).toMatchObject({ backup: true, drain: true, down: false, inRotation: false });
    expect(snapshot.backends.every((b) => b.health !== null)).toBe(true);
    // Fields left out keep their value.
    expect((await api(BASE_URL, 'PUT', '/api/balancer', { algorithm: 'weighted' })).status).toBe(200);
    expect(lab.snapshot().proxy).toMatchObject({ algorithm: 'weighted', hashKey: 'client', trustForwardedFor: true, sticky: true });
    // A partial update without a method keeps the method: two quick toggles never undo each other.
    expect((await api(BASE_URL, 'PUT', '/api/balancer', { sticky: false })).status).toBe(200);
    expect((await api(BASE_URL, 'PUT', '/api/balancer', { trustForwardedFor: false })).status).toBe(200);
    expect(lab.snapshot().proxy).toMatchObject({ algorithm: 'weighted', hashKey: 'client', trustForwardedFor: false, sticky: false });
    expect((await api(BASE_URL, 'PUT', '/api/balancer', {})).status).toBe(400);
  });
});
