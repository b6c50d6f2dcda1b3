import { readdirSync, readFileSync } from 'node:fs';

/**
 * Sends `signal` to every process in the group `pgid`. A pty child leads its
 * own session and group, so this reaches its grandchildren too (a shell's
 * pipeline, Django's autoreloader child). False if the group is gone.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * True while some process of group `pgid` is still running. kill(-pgid, 0)
 * also counts zombies, which an init that does not reap (some containers'
 * PID 1) leaves behind for good; on Linux, /proc tells them apart.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    const c = entry.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 3);
    if (Number(fields[2]) !== pgid) continue;
    if (!dead(fields[0]) || threadsExiting(entry)) return true;
  }
  return false;
}

/**
 * True while process `pid` is running: it exists, and it is not a zombie
 * whose every thread has exited.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !dead(stat.charAt(stat.lastIndexOf(')') + 2)) || threadsExiting(String(pid));
  } catch {
    return false;
  }
}

function dead(state: string | undefined): boolean {
  return state === 'Z' || state === 'X';
}

/**
 * A multi-threaded process's main thread can be a zombie while its other
 * threads are still exiting, and those still hold its files: its listening
 * socket included. True while such a thread is there.
 */
function threadsExiting(pid: string): boolean {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return false;
  }
  for (const tid of tids) {
    if (tid === pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
      if (!dead(stat.charAt(stat.lastIndexOf(')') + 2))) return true;
    } catch {
      // That thread has gone.
    }
  }
  return false;
}
