import type { ExitInfo } from '../../../electron/shared/types';

/** How a process ended, in a few words: the signal if it had one, else its exit code. */
export function describeExit(exit: ExitInfo | null): string {
  if (exit?.signal) return exit.signal;
  if (exit?.code !== null && exit?.code !== undefined) return `exit code ${exit.code}`;
  return 'no exit code';
}
