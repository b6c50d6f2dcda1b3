import type http from 'node:http';
import { get, keepAlive, type Reply } from '../../support/http-client';

/** A browser's cookie jar, cut down: one site, names and values, Set-Cookie honoured. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header a browser would send; undefined while empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Keep what the response's Set-Cookie headers say. */
  take(setCookie: readonly string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
}

/** A GET that sends the jar's cookies and keeps the ones the response sets. */
export async function getWithJar(url: string, jar: CookieJar, headers: http.OutgoingHttpHeaders = {}): Promise<Reply> {
  const cookie = jar.header();
  const reply = await get(url, keepAlive, { ...headers, ...(cookie === undefined ? {} : { cookie }) });
  jar.take(reply.headers['set-cookie']);
  return reply;
}

/** Who answered a reply through the lab's proxy. */
export const backendOf = (reply: Reply): number => Number(reply.headers['x-lab-backend']);
