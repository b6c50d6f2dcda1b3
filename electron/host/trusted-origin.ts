import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The control API can start any command, so only the lab's own page (or a
 * tool with no Origin, such as curl) may use it: a web page on another
 * origin must not (CSRF), and a foreign Host name must not (DNS rebinding).
 */
export function isTrustedRequest(req: IncomingMessage, port: number): boolean {
  const allowed = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  const host = req.headers.host;
  if (!host || !allowed.includes(host)) return false;
  const origin = req.headers.origin;
  return origin === undefined || allowed.some((h) => origin === `http://${h}`);
}
