import type { IncomingMessage } from 'node:http';

/**
 * Set X-Forwarded-For/-Proto/-Host once per request, before the first
 * attempt, so a retry on another peer does not append the client twice.
 * X-Forwarded-For keeps what the client sent and appends its address, as
 * nginx's `$proxy_add_x_forwarded_for` does; -Proto and -Host say what this
 * proxy saw and are never taken from the client, who could claim anything.
 */
export function setForwardedHeaders(req: IncomingMessage): void {
  const headers = req.headers;
  const client = req.socket.remoteAddress ?? '';
  const previous = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = previous ? `${previous}, ${client}` : client;
  // The lab listens on plain HTTP only.
  headers['x-forwarded-proto'] = 'http';
  if (headers.host !== undefined) headers['x-forwarded-host'] = headers.host;
  else delete headers['x-forwarded-host'];
}
