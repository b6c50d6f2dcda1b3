import { LabError } from '../lab-error';
import type { LabSetup } from '../setup';

/**
 * A scenario's setup moved so its first backend lands on `basePort` (the
 * others keep their distance from it), and each declared port → the port it
 * is asked for. Without `basePort` nothing moves. A move off the end of the
 * port range, or onto the lab's proxy port, is refused naming `basePort`.
 */
export function rebase(setup: LabSetup, basePort: number | undefined, proxyPort: number): { setup: LabSetup; wanted: Map<number, number> } {
  const ports = setup.backends.map((b) => b.port);
  const offset = basePort === undefined || ports.length === 0 ? 0 : basePort - Math.min(...ports);
  const wanted = new Map(ports.map((port) => [port, port + offset]));
  for (const port of wanted.values()) {
    if (port > 65535) throw new LabError(`basePort ${basePort} would put a backend on ${port}, past 65535`, 400, 'basePort');
    if (offset !== 0 && port === proxyPort) throw new LabError(`basePort ${basePort} would put a backend on the proxy's port ${proxyPort}`, 400, 'basePort');
  }
  return { setup: { ...setup, backends: setup.backends.map((b) => ({ ...b, port: wanted.get(b.port)! })) }, wanted };
}
