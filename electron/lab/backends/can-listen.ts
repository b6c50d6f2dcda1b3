import { createServer } from 'node:net';

/** The loopback addresses a port must be free on: a backend or a browser may use either. */
export const LOOPBACKS = ['127.0.0.1', '::1'] as const;
export type Loopback = (typeof LOOPBACKS)[number];

/** Errors meaning the machine has no such address (no IPv6), so no program can hold the port there. */
const NO_ADDRESS = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/**
 * True if a server can listen on `port` on 127.0.0.1 and on [::1] right now
 * (each is closed again at once). False if another program holds it on
 * either, or it is not allowed; never disturbs the program that holds it.
 * A machine without IPv6 counts as free on [::1].
 */
export async function canListen(port: number): Promise<boolean> {
  return (await takenOn(port)) === null;
}

/** The first loopback address on which `port` is taken, or null if it is free on both. */
export async function takenOn(port: number): Promise<Loopback | null> {
  for (const host of LOOPBACKS) {
    if (!(await canListenOn(port, host))) return host;
  }
  return null;
}

function canListenOn(port: number, host: Loopback): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(host === '::1' && NO_ADDRESS.has(err.code ?? '')));
    server.listen({ port, host, exclusive: true, ipv6Only: host === '::1' }, () => {
      server.close(() => resolve(true));
    });
  });
}
