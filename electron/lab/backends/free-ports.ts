import { canListen } from './can-listen';

export const MAX_PORT = 65_535;

export interface FreePorts {
  /** `count` ports, ascending from `base`, each free when checked. */
  ports: number[];
  /** Ports passed over because another program holds them. */
  skipped: number[];
}

/**
 * Finds `count` free ports counting up from `base`: a port is free if a server
 * can listen on it on 127.0.0.1 and on [::1] (see canListen). Ports in
 * `exclude` (the lab's own) are passed over silently; ports held by another
 * program on either address are passed over, reported in `skipped`, and never
 * touched. Throws a RangeError rather than go above 65535.
 */
export async function findFreePorts(base: number, count: number, exclude: ReadonlySet<number>): Promise<FreePorts> {
  if (!Number.isInteger(base) || base < 1 || base > MAX_PORT) {
    throw new RangeError(`base port must be an integer from 1 to ${MAX_PORT}, got ${base}`);
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole number, got ${count}`);
  }
  const ports: number[] = [];
  const skipped: number[] = [];
  for (let port = base; ports.length < count; port++) {
    if (port > MAX_PORT) {
      throw new RangeError(`only ${ports.length} of ${count} free ports from ${base} up to ${MAX_PORT}`);
    }
    if (exclude.has(port)) continue;
    if (await canListen(port)) ports.push(port);
    else skipped.push(port);
  }
  return { ports, skipped };
}
