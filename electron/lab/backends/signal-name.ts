import { constants } from 'node:os';

const NAMES = new Map<number, string>(
  Object.entries(constants.signals).map(([name, number]) => [number, name]),
);

/**
 * A signal as a name ('SIGKILL'), whether given as a number (node-pty's onExit)
 * or a name; null for none (0, undefined, null).
 */
export function signalName(signal: number | string | null | undefined): string | null {
  if (signal === null || signal === undefined || signal === 0 || signal === '') return null;
  if (typeof signal === 'string') return signal;
  return NAMES.get(signal) ?? `signal ${signal}`;
}
