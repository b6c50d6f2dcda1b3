import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { FRAME_HEADERS } from './frame-headers';

/** Answer a WebSocket upgrade with a plain HTTP error and close: the socket never becomes a WebSocket. */
export function refuseUpgrade(socket: Duplex, status: number, error: string, extra: Record<string, string> = {}): void {
  // A client that hangs up first must not crash the host with an unhandled 'error'.
  socket.on('error', () => socket.destroy());
  const body = JSON.stringify({ error });
  const headers = { ...FRAME_HEADERS, ...extra, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`);
}
