import { afterEach, describe, expect, it } from 'vitest';
import { backend, closeAll, proxyOver, request } from './helpers';

// Ports 26050-26099 belong to this file.
const BASE = 26050;
const WITH_500 = ['error', 'timeout', 'http_500'] as const;

afterEach(closeAll);

describe('retry conditions (nginx proxy_next_upstream, proxy_next_upstream_tries) with injected and real answers', () => {
  it('retries an injected 500 on the others under http_500: no client error, and max_fails takes the faulty backend out', async () => {
    const faulty = await backend(BASE);
    await backend(BASE + 1);
    await backend(BASE + 2);
    const { url, stats, proxy } = await proxyOver([BASE, BASE + 1, BASE + 2], BASE + 40, { settings: { nextUpstream: [...WITH_500] } });
    proxy.setFault(BASE, { errorRate: 1 });
    const statuses = [];
    for (let i = 0; i < 9; i++) statuses.push((await request(url)).status);
    expect(statuses).toEqual(Array(9).fill(200));
    expect(stats.errors).toBe(0);
    // Seen as nginx sees a real 500 under http_500: a failure, so max_fails=1 keeps it out for fail_timeout.
    expect(stats.backend(BASE).failures).toBe(1);
    expect(stats.backend(BASE).retries).toBe(1);
    expect(stats.backend(BASE).responses[4]).toBe(1);
    expect(faulty.served()).toBe(0);
  });

  it('passes the injected 500 to the client when http_500 is not listed, and counts no failure (as nginx)', async () => {
    await backend(BASE + 3);
    const { url, stats, proxy } = await proxyOver([BASE + 3], BASE + 41);
    proxy.setFault(BASE + 3, { errorRate: 1 });
    const answer = await request(url);
    expect(answer.status).toBe(500);
    expect(answer.backend).toBe(String(BASE + 3));
    expect(answer.headers['x-lab-fault']).toBe('error');
    expect(stats.backend(BASE + 3).failures).toBe(0);
    expect(stats.backend(BASE + 3).responses[4]).toBe(1);
  });

  it('answers errorStatus and retries it only when its own condition is listed', async () => {
    await backend(BASE + 4);
    await backend(BASE + 5);
    const { url, proxy } = await proxyOver([BASE + 4, BASE + 5], BASE + 42, { settings: { nextUpstream: [...WITH_500] }, maxFails: 0 });
    proxy.setFault(BASE + 4, { errorRate: 1, errorStatus: 503 });
    expect((await request(url)).status).toBe(503);
    proxy.configure({ nextUpstream: ['error', 'timeout', 'http_503'] });
    expect((await request(url)).status).toBe(200);
    expect((await request(url)).status).toBe(200);
  });

  it('passes the last server’s real 500 on when every server answered 500, after trying each once', async () => {
    const ports = [BASE + 6, BASE + 7, BASE + 8];
    const served = await Promise.all(ports.map((port) => backend(port, (_req, res) => ((res.statusCode = 500), res.end(`broken ${port}`)))));
    const { url, stats } = await proxyOver(ports, BASE + 43, { settings: { nextUpstream: [...WITH_500] } });
    const answer = await request(url);
    expect(answer.status).toBe(500);
    expect(answer.body).toBe(`broken ${answer.backend}`);
    expect(served.map((s) => s.served())).toEqual([1, 1, 1]);
    // The two passed over count as failures; the one whose answer went out does not (nginx frees it as a success).
    expect(ports.map((p) => stats.backend(p).failures).sort()).toEqual([0, 1, 1]);
    expect(stats.errors).toBe(0);
  });

  it('stops after nextUpstreamTries attempts, the first included', async () => {
    const ports = [BASE + 9, BASE + 10, BASE + 11];
    const served = await Promise.all(ports.map((port) => backend(port, (_req, res) => ((res.statusCode = 502), res.end()))));
    const { url, proxy } = await proxyOver(ports, BASE + 44, { settings: { nextUpstream: ['error', 'timeout', 'http_502'], nextUpstreamTries: 2 } });
    expect((await request(url)).status).toBe(502);
    expect(served.reduce((sum, s) => sum + s.served(), 0)).toBe(2);
    proxy.configure({ nextUpstreamTries: 0 });
    expect(proxy.settings.nextUpstreamTries).toBe(0);
  });

  it('retries an injected reset like a real one: a GET goes on, a POST only with non_idempotent', async () => {
    await backend(BASE + 12);
    await backend(BASE + 13);
    const { url, stats, proxy } = await proxyOver([BASE + 12, BASE + 13], BASE + 45, { maxFails: 0 });
    proxy.setFault(BASE + 12, { resetRate: 1 });
    const get = await request(url);
    expect(get.status).toBe(200);
    expect(get.backend).toBe(String(BASE + 13));
    expect(stats.backend(BASE + 12).failures).toBe(1);
    expect(stats.backend(BASE + 12).retries).toBe(1);
    // Round-robin is back on the faulty backend for the next request.
    await request(url);
    expect((await request(url, 'POST', 'x=1')).status).toBe(502);
    proxy.configure({ nextUpstream: ['error', 'timeout', 'non_idempotent'] });
    await request(url);
    expect((await request(url, 'POST', 'x=2')).status).toBe(200);
  });

  it('retries nothing with nextUpstream [] (nginx `off`), yet a refused connection still counts as a failure', async () => {
    await backend(BASE + 15);
    const { url, stats } = await proxyOver([BASE + 14, BASE + 15], BASE + 46, { settings: { nextUpstream: [] } });
    // BASE+14 has no listener: the first request is refused there.
    expect((await request(url)).status).toBe(502);
    expect(stats.backend(BASE + 14).failures).toBe(1);
    expect(stats.backend(BASE + 14).retries).toBe(0);
    expect((await request(url)).status).toBe(200);
  });

  it('stops injecting the moment a fault is cleared', async () => {
    await backend(BASE + 16);
    const { url, proxy } = await proxyOver([BASE + 16], BASE + 47, { maxFails: 0 });
    proxy.setFault(BASE + 16, { errorRate: 1, errorStatus: 429 });
    expect((await request(url)).status).toBe(429);
    proxy.setFault(BASE + 16, null);
    expect((await request(url)).status).toBe(200);
    expect(proxy.fault(BASE + 16)).toBeNull();
  });
});
