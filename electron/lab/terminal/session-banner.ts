import type { ExitInfo } from '../../shared/types';

const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

function line(text: string): string {
  return `${DIM}─── ${text} ───${RESET}\r\n`;
}

/** The separator a new session starts with, so runs never blur into one another. */
export function startedBanner(pid: number, command: string): string {
  return line(`pid ${pid} started: ${command}`);
}

/** The line a session ends with; `error` (first line) says why it never got ready. */
export function endedBanner(pid: number, exit: ExitInfo | null, error: string | null = null): string {
  if (error !== null) return line(`pid ${pid} ${firstLine(error)}`);
  if (exit === null) return line(`pid ${pid} ended`);
  return line(exit.signal !== null ? `pid ${pid} ended by ${exit.signal}` : `pid ${pid} exited with code ${exit.code}`);
}

/** Why a backend did not start at all (its port was taken, its command could not run). */
export function notStartedBanner(error: string): string {
  return line(`not started: ${firstLine(error)}`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
