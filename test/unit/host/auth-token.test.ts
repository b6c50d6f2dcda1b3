import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createToken, presentedToken, tokenCookieName, tokenMatches } from '../../../electron/host/auth-token';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('control API token', () => {
  it('makes a fresh URL-safe token of 256 bits each time', () => {
    const tokens = Array.from({ length: 20 }, createToken);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('accepts only the exact token, whatever the length of the guess', () => {
    const token = createToken();
    expect(tokenMatches(token, token)).toBe(true);
    for (const guess of [undefined, '', token.slice(0, -1), `${token}x`, token.toUpperCase(), ` ${token}`, 'x'.repeat(10_000)]) {
      expect(tokenMatches(token, guess), String(guess).slice(0, 20)).toBe(false);
    }
  });

  it('reads the token from a Bearer header first, else from the cookie of this lab’s port only', () => {
    expect(presentedToken(request({ authorization: 'Bearer abc' }), 5170)).toBe('abc');
    expect(presentedToken(request({ authorization: 'bearer abc' }), 5170)).toBe('abc');
    expect(presentedToken(request({ authorization: 'Bearer abc', cookie: `${tokenCookieName(5170)}=def` }), 5170)).toBe('abc');
    expect(presentedToken(request({ cookie: `other=1; ${tokenCookieName(5170)}=def` }), 5170)).toBe('def');
    expect(presentedToken(request({ cookie: `${tokenCookieName(5171)}=def` }), 5170)).toBeUndefined();
    expect(presentedToken(request({ authorization: 'Basic abc' }), 5170)).toBeUndefined();
    expect(presentedToken(request({}), 5170)).toBeUndefined();
  });
});
