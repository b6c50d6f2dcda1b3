import { describe, expect, it } from 'vitest';
import { startHost, useHost } from '../../support/host-fixture';
import { api } from '../../support/http-client';

const UI = 22670;
const BASE_URL = `http://127.0.0.1:${UI}`;
useHost();

describe('control API: compare two methods', () => {
  it('runs a comparison from POST /api/compare, reports it from GET /api/compare and refuses bad sides by field', async () => {
    const { lab } = await startHost(22640, UI);
    for (const [body, field] of [
      [{ a: { balancer: { algorithm: 'fastest' } }, b: {} }, 'a.balancer.algorithm'],
      [{ a: {}, b: { proxy: { connectTimeoutMs: 0 } } }, 'b.proxy.connectTimeoutMs'],
      [{ a: {}, b: {}, load: { rate: 1e9 } }, 'load.rate'],
      [{ a: {}, b: {}, target: 'http://example.com' }, 'target'],
      [{ a: {} }, 'b'],
    ] as const) {
      const reply = await api(BASE_URL, 'POST', '/api/compare', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.field, JSON.stringify(body)).toBe(field);
    }
    expect(lab.snapshot().proxy.compare.state).toBe('idle');

    const started = await api(BASE_URL, 'POST', '/api/compare', { a: { balancer: { algorithm: 'round-robin' } }, b: { balancer: { algorithm: 'least-conn' } }, load: { requests: 30, rate: 100 } });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ state: 'running', labels: { a: 'round-robin', b: 'least-conn' } });
    await lab.compareEnded();
    const status = await api(BASE_URL, 'GET', '/api/compare');
    expect(status.json).toMatchObject({ state: 'done', result: { a: { proxy: { requests: 30 } }, b: { proxy: { requests: 30 } } } });
    expect(typeof status.json.result.verdict).toBe('string');
  }, 30_000);
});
