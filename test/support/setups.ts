import type { LabSetup } from '../../electron/lab/setup';

/**
 * Setups covering every method and every flag, for the config checks: each
 * method alone, then one with every per-server parameter and proxy option.
 */
export function setupTable(base: number, proxyPort: number): { name: string; setup: LabSetup }[] {
  const three = (extra: Partial<LabSetup['backends'][number]>[] = [{}, {}, {}]): LabSetup['backends'] => extra.map((e, i) => ({ port: base + i, ...e }));
  const one = (name: string, proxy: Partial<LabSetup['proxy']>, backends = three(), rest: Partial<LabSetup> = {}): { name: string; setup: LabSetup } => ({
    name,
    setup: { version: 1, proxy: { port: proxyPort, algorithm: 'weighted', ...proxy }, backends, ...rest },
  });
  return [
    one('round-robin', { algorithm: 'round-robin' }, three([{ weight: 3 }, {}, {}])),
    one('weighted 3:5:2', {}, three([{ weight: 3 }, { weight: 5 }, { weight: 2 }])),
    one('least-conn', { algorithm: 'least-conn' }),
    one('ip-hash with X-Forwarded-For', { algorithm: 'ip-hash', trustForwardedFor: true }),
    one('hash $request_uri', { algorithm: 'hash', hashKey: 'request-uri' }),
    one('hash $uri', { algorithm: 'hash', hashKey: 'path' }),
    one('hash client', { algorithm: 'hash', hashKey: 'client', trustForwardedFor: true }),
    one('random two', { algorithm: 'random-two' }),
    one('least-time', { algorithm: 'least-time' }),
    one('backup, down, drain, weight 0', {}, three([{ weight: 0 }, { down: true, drain: true }, { backup: true }, { backup: true, down: true }])),
    one(
      'every server parameter and proxy option',
      { sticky: true, connectTimeoutMs: 1500, readTimeoutMs: 30_000, nextUpstream: ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504', 'http_429', 'non_idempotent'], nextUpstreamTries: 2 },
      three([
        { weight: 4, maxFails: 3, failTimeoutMs: 30_000, maxConns: 10, slowStartMs: 20_000 },
        { weight: 6, maxFails: 0, failTimeoutMs: 1500, drain: true, fault: { latencyMs: 200, jitterMs: 50, errorRate: 0.1, errorStatus: 503 } },
        { backup: true, fault: { hang: true, resetRate: 0.5 } },
      ]),
      { health: { path: '/health', intervalMs: 2000, rise: 2, fall: 3 } },
    ),
    one('retries off', { nextUpstream: [] }),
    one('retry only on timeout', { nextUpstream: ['timeout'], nextUpstreamTries: 1 }),
  ];
}
