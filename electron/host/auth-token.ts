import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookie } from 'cookie';

/** A fresh control API token: 256 random bits, URL-safe (base64url), so it goes in a URL and a cookie as it is. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `given` is the lab's token, in time that does not depend on
 * where they differ: both are hashed first, so timingSafeEqual always
 * compares two digests of one length and the token's length leaks nothing.
 */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * The cookie that carries the token for the lab on `port`. Cookies are
 * shared by every port of a host, so the port is in the name (as Jupyter
 * does): two labs on one machine do not overwrite each other's.
 */
export function tokenCookieName(port: number): string {
  return `lb-lab-token-${port}`;
}

/** The token a request presents: `Authorization: Bearer <token>` first, else the dashboard's cookie. */
export function presentedToken(req: IncomingMessage, port: number): string | undefined {
  const bearer = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const cookies = req.headers.cookie;
  return cookies === undefined ? undefined : parseCookie(cookies)[tokenCookieName(port)];
}
