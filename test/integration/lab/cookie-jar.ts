import type http from 'node:http';
import { CookieJar } from '../../../electron/lab/scenarios/cookie-jar';
import { get, keepAlive, type Reply } from '../../support/http-client';

export { CookieJar };

/** A GET that sends the jar's cookies and keeps the ones the response sets. */
export async function getWithJar(url: string, jar: CookieJar, headers: http.OutgoingHttpHeaders = {}): Promise<Reply> {
  const cookie = jar.header();
  const reply = await get(url, keepAlive, { ...headers, ...(cookie === undefined ? {} : { cookie }) });
  jar.take(reply.headers['set-cookie']);
  return reply;
}

/** Who answered a reply through the lab's proxy. */
export const backendOf = (reply: Reply): number => Number(reply.headers['x-lab-backend']);
