import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The environment variable that marks every process a backend starts:
 * `LB_LAB_MARK=<instance>:<port>`. Children inherit it, so it reaches what
 * leaves the backend's process group or session (`set -m`, `setsid -f`,
 * daemons); a program that clears its own environment is still reached by
 * its process group.
 */
export const MARK_VARIABLE = 'LB_LAB_MARK';

/** A new id for one supervisor: this process's pid and random hex, so two labs never share one. */
export function newInstanceId(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The mark of the backend on `port` of supervisor `instance`. */
export function markOf(instance: string, port: number): string {
  return `${instance}:${port}`;
}

/**
 * Pids of the running processes that carry the mark of `port` of `instance`,
 * or of any of its ports when `port` is undefined. Never this process.
 * Zombies are not listed (Linux shows an empty environment for them).
 * Reads /proc on Linux, `ps eww` elsewhere; processes of other users are not
 * readable and so never listed.
 */
export function findMarked(instance: string, port?: number): number[] {
  const entry = `${MARK_VARIABLE}=${instance}:${port ?? ''}`;
  const matches = port === undefined ? (value: string) => value.startsWith(entry) : (value: string) => value === entry;
  return process.platform === 'linux' ? fromProc(matches) : fromPs(matches);
}

/** Sends `signal` to each running process that carries the mark; returns their pids. */
export function signalMarked(instance: string, port: number | undefined, signal: NodeJS.Signals): number[] {
  const pids = findMarked(instance, port);
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // It ended between the look-up and the signal.
    }
  }
  return pids;
}

function fromProc(matches: (entry: string) => boolean): number[] {
  const pids: number[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${name}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (environ.split('\0').some(matches)) pids.push(pid);
  }
  return pids;
}

function fromPs(matches: (entry: string) => boolean): number[] {
  let text: string;
  try {
    // `e` appends each process's environment to its command line.
    text = execFileSync('ps', ['eww', '-ax', '-o', 'pid=', '-o', 'command='], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const pid = Number(words[0]);
    if (Number.isInteger(pid) && pid !== process.pid && words.slice(1).some(matches)) pids.push(pid);
  }
  return pids;
}
