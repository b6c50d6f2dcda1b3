import { describe, expect, it } from 'vitest';
import { mayRetry, retryPolicy } from '../../../electron/lab/proxy/next-upstream';
import { DEFAULT_PROXY_SETTINGS, type ProxySettings } from '../../../electron/shared/proxy-settings';

const policy = (patch: Partial<ProxySettings>) => retryPolicy({ ...DEFAULT_PROXY_SETTINGS, ...patch });

// The rules of nginx's ngx_http_upstream_next and ngx_http_upstream_test_next (src/http/ngx_http_upstream.c).
describe('mayRetry, as nginx decides proxy_next_upstream', () => {
  it('retries a listed condition and nothing else', () => {
    const p = policy({});
    expect(mayRetry(p, 'error', true, 'GET', 1)).toBe(true);
    expect(mayRetry(p, 'timeout', true, 'GET', 1)).toBe(true);
    expect(mayRetry(p, 'http_500', true, 'GET', 1)).toBe(false);
    expect(mayRetry(policy({ nextUpstream: [] }), 'error', false, 'GET', 1)).toBe(false);
  });

  it('retries POST, PATCH and LOCK that reached a server only with non_idempotent; never-sent ones always', () => {
    for (const method of ['POST', 'PATCH', 'LOCK']) {
      expect(mayRetry(policy({}), 'error', true, method, 1)).toBe(false);
      expect(mayRetry(policy({}), 'error', false, method, 1)).toBe(true);
      expect(mayRetry(policy({ nextUpstream: ['error', 'non_idempotent'] }), 'error', true, method, 1)).toBe(true);
    }
    expect(mayRetry(policy({}), 'error', true, 'PUT', 1)).toBe(true);
  });

  it('stops at nextUpstreamTries attempts; 0 is no limit', () => {
    expect(mayRetry(policy({ nextUpstreamTries: 2 }), 'error', false, 'GET', 1)).toBe(true);
    expect(mayRetry(policy({ nextUpstreamTries: 2 }), 'error', false, 'GET', 2)).toBe(false);
    expect(mayRetry(policy({ nextUpstreamTries: 0 }), 'error', false, 'GET', 50)).toBe(true);
  });

  it('maps only the listed statuses, and none at all by default (one test per response)', () => {
    expect(policy({}).statuses).toBeNull();
    expect([...policy({ nextUpstream: ['http_503', 'http_429'] }).statuses!.keys()].sort()).toEqual([429, 503]);
  });
});
