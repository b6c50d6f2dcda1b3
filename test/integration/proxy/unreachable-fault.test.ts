import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROXY_SETTINGS } from '../../../electron/shared/proxy-settings';
import { backend, closeAll, proxyOver, request } from './helpers';

// Ports 23700-23749 belong to this file.
const BASE = 23700;
const CONNECT_TIMEOUT_MS = 300;

afterEach(closeAll);

describe('an unreachable backend (a server whose machine is gone)', () => {
  it('costs one connect timeout, is answered by the next server, and max_fails then keeps it out for fail_timeout', async () => {
    const [gone, alive] = [BASE, BASE + 1];
    const goneServer = await backend(gone);
    await backend(alive);
    const { url, proxy, stats, balancer } = await proxyOver([gone, alive], BASE + 40, { settings: { ...DEFAULT_PROXY_SETTINGS, connectTimeoutMs: CONNECT_TIMEOUT_MS } });
    proxy.setFault(gone, { unreachable: true });
    expect(proxy.faultWords(gone)).toBe('unreachable');

    const started = performance.now();
    const first = await request(url);
    const firstMs = performance.now() - started;
    expect(first).toMatchObject({ status: 200, backend: String(alive) });
    expect(firstMs).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 5);
    expect(stats.backend(gone).failures).toBe(1);
    expect(stats.backend(gone).retries).toBe(1);
    expect(balancer.peers[0]!.fails).toBe(1);

    // max_fails=1 within fail_timeout: the next requests never try it, so none waits.
    const rest = [];
    for (let i = 0; i < 6; i++) rest.push(await request(url));
    expect(rest.map((r) => r.backend)).toEqual(Array(6).fill(String(alive)));
    expect(stats.backend(gone).failures).toBe(1);
    expect(goneServer.served()).toBe(0);
  });

  it('answers 504 when it is the only server, as nginx does after proxy_connect_timeout', async () => {
    await backend(BASE + 2);
    const { url, proxy } = await proxyOver([BASE + 2], BASE + 41, { settings: { ...DEFAULT_PROXY_SETTINGS, connectTimeoutMs: CONNECT_TIMEOUT_MS } });
    proxy.setFault(BASE + 2, { unreachable: true });
    expect((await request(url)).status).toBe(504);
  });
});
