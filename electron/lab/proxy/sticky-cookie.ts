import { randomBytes } from 'node:crypto';

/** The cookie sticky sessions use (nginx `sticky cookie`, HAProxy `cookie SRV insert`). */
export const STICKY_COOKIE = 'lb_lab_srv';

const PREFIX = `${STICKY_COOKIE}=`;
/** `<port>.<client id>`; the id is what `newClientId` makes, or close to it. */
const VALUE = /^(\d{1,5})\.([A-Za-z0-9_-]{1,64})$/;

/** What a sticky cookie says: the backend the client is pinned to, and who the client is. */
export interface StickyCookie {
  port: number;
  clientId: string;
}

/**
 * Read `lb_lab_srv=<port>.<client id>` from a request's Cookie header; null
 * when it is absent or not one the lab could have set (a client can send
 * anything, and a bad cookie is simply no cookie).
 */
export function readStickyCookie(header: string | undefined): StickyCookie | null {
  if (header === undefined) return null;
  let at = header.indexOf(PREFIX);
  // Only a whole cookie name counts: `xlb_lab_srv=` is someone else's.
  while (at > 0 && header[at - 1] !== ' ' && header[at - 1] !== ';') at = header.indexOf(PREFIX, at + 1);
  if (at === -1) return null;
  const start = at + PREFIX.length;
  const end = header.indexOf(';', start);
  const match = VALUE.exec(header.slice(start, end === -1 ? undefined : end).trim());
  if (match === null) return null;
  const port = Number(match[1]);
  return port >= 1 && port <= 65535 ? { port, clientId: match[2]! } : null;
}

/** The Set-Cookie value that pins a client to `port`: a session cookie, for this site only, not readable by scripts. */
export function stickyCookieHeader(port: number, clientId: string): string {
  return `${PREFIX}${port}.${clientId}; Path=/; HttpOnly; SameSite=Lax`;
}

/** A fresh client id: 72 random bits, URL-safe. */
export function newClientId(): string {
  return randomBytes(9).toString('base64url');
}
