import { describe, expect, it } from 'vitest';
import { resolveHealthOptions } from '../../../electron/lab/health/health-options';

const base = { path: '/health', intervalMs: 5000, rise: 2, fall: 3 };

describe('resolveHealthOptions', () => {
  it('defaults the timeout to the interval capped at 2000 ms and the host to 127.0.0.1', () => {
    expect(resolveHealthOptions(base)).toEqual({ ...base, timeoutMs: 2000, host: '127.0.0.1' });
    expect(resolveHealthOptions({ ...base, intervalMs: 100 }).timeoutMs).toBe(100);
  });

  it('keeps a timeout and host that are given', () => {
    expect(resolveHealthOptions({ ...base, timeoutMs: 300, host: '::1' })).toMatchObject({ timeoutMs: 300, host: '::1' });
  });

  it.each([
    [{ path: 'health' }, 'path'],
    [{ path: '/a b' }, 'path'],
    [{ intervalMs: 0 }, 'intervalMs'],
    [{ intervalMs: Number.NaN }, 'intervalMs'],
    [{ intervalMs: 2 ** 31 }, 'intervalMs'],
    [{ rise: 0 }, 'rise'],
    [{ rise: 1.5 }, 'rise'],
    [{ fall: 0 }, 'fall'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ host: '' }, 'host'],
  ])('refuses %o, naming the field %s', (change, field) => {
    expect(() => resolveHealthOptions({ ...base, ...change })).toThrow(new RegExp(`\\b${field}\\b`));
  });
});
