import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, firstForwardedFor, requestInfo } from '../../../electron/lab/proxy/request-info';

const request = (url: string, forwardedFor?: string): IncomingMessage =>
  ({ url, socket: { remoteAddress: '127.0.0.1' }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('requestInfo', () => {
  it('by default hashes the request URI and takes the client from the socket, whatever X-Forwarded-For says', () => {
    expect(requestInfo(request('/a?b=1', '10.0.0.7'), DEFAULT_ROUTING)).toEqual({ clientKey: '127.0.0.1', hashKey: '/a?b=1' });
  });

  it('hashes the path without the query, or the client address, when asked', () => {
    expect(requestInfo(request('/a?b=1'), { ...DEFAULT_ROUTING, hashKey: 'path' })).toEqual({ clientKey: '127.0.0.1', hashKey: '/a' });
    expect(requestInfo(request('/a'), { ...DEFAULT_ROUTING, hashKey: 'client' })).toEqual({ clientKey: '127.0.0.1', hashKey: '127.0.0.1' });
  });

  it('with trustForwardedFor takes the first X-Forwarded-For address, for ip-hash and for hash by client', () => {
    const routing = { ...DEFAULT_ROUTING, trustForwardedFor: true, hashKey: 'client' as const };
    expect(requestInfo(request('/', ' 10.0.0.7 , 192.168.1.1'), routing)).toEqual({ clientKey: '10.0.0.7', hashKey: '10.0.0.7', clientKeyFrom: 'x-forwarded-for' });
    expect(requestInfo(request('/'), routing)).toEqual({ clientKey: '127.0.0.1', hashKey: '127.0.0.1' });
  });
});

describe('firstForwardedFor', () => {
  it('is the first entry, trimmed, or null when there is none', () => {
    expect(firstForwardedFor('2001:db8::1, 10.0.0.1')).toBe('2001:db8::1');
    expect(firstForwardedFor(['10.0.0.1', '10.0.0.2'])).toBe('10.0.0.1');
    expect(firstForwardedFor(undefined)).toBeNull();
    expect(firstForwardedFor(' , 10.0.0.1')).toBeNull();
  });
});
