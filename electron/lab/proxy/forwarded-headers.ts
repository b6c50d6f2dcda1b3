import type { IncomingMessage } from 'node:http';

/**
 * Set X-Forwarded-For/-Proto/-Host once per request, before the first
 * attempt, so a retry on another peer does not append the client twice.
 */
export function setForwardedHeaders(req: IncomingMessage): void {
  const headers = req.headers;
  const client = req.socket.remoteAddress ?? '';
  const previous = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = previous ? `${previous}, ${client}` : client;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-host'] ??= headers.host ?? '';
}
