import { createServer } from 'node:net';

/**
 * True if a server can listen on 127.0.0.1:port right now (it is closed again
 * at once). False if the port is taken or not allowed; never disturbs the
 * program that holds it.
 */
export function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}
