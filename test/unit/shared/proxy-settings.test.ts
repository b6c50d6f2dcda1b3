import { describe, expect, it } from 'vitest';
import { DEFAULT_PROXY_SETTINGS, proxySettingsPatchSchema } from '../../../electron/shared/proxy-settings';
import { parseInput } from '../../../electron/shared/schemas';

describe('proxy settings', () => {
  it('defaults to nginx’s read timeout, retry conditions and tries, with a 1 s connect timeout', () => {
    expect(DEFAULT_PROXY_SETTINGS).toEqual({ connectTimeoutMs: 1000, readTimeoutMs: 60_000, nextUpstream: ['error', 'timeout'], nextUpstreamTries: 0 });
  });

  it.each([
    [{ connectTimeoutMs: 0 }, 'connectTimeoutMs'],
    [{ readTimeoutMs: -5 }, 'readTimeoutMs'],
    [{ readTimeoutMs: 2.5 }, 'readTimeoutMs'],
    [{ readTimeoutMs: 3_000_000_000 }, 'readTimeoutMs'],
    [{ nextUpstream: ['error', 'http_404'] }, 'nextUpstream.1'],
    [{ nextUpstream: 'error,timeout' }, 'nextUpstream'],
    [{ nextUpstream: ['timeout', 'timeout'] }, 'nextUpstream'],
    [{ nextUpstreamTries: -1 }, 'nextUpstreamTries'],
    [{ retries: 3 }, 'retries'],
    [{}, 'proxy'],
  ])('refuses %j naming %s', (input, field) => {
    const result = parseInput(proxySettingsPatchSchema, input, 'proxy');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe(field);
  });

  it('accepts a partial update, and [] as nginx’s `off`', () => {
    expect(parseInput(proxySettingsPatchSchema, { nextUpstream: [] }, 'proxy')).toEqual({ ok: true, value: { nextUpstream: [] } });
    expect(parseInput(proxySettingsPatchSchema, { readTimeoutMs: 300, nextUpstreamTries: 2 }, 'proxy').ok).toBe(true);
  });
});
