import { findMarked, signalMarked } from './marked-processes';
import { groupAlive, processAlive, signalGroup } from './process-group';

/** How often the processes are looked for while waiting for them to end. */
const POLL_MS = 50;

/**
 * Every process of one backend: its process group (the pty's session leader
 * and what stayed in its group) and every process carrying its mark (what
 * left the group: `set -m` jobs, `setsid` and double-forked daemons).
 * Signals go to both; nothing that carries another mark is touched.
 */
export class BackendProcesses {
  /**
   * Every pid seen carrying the mark. A process that is exiting has already
   * lost its environment (Linux frees its memory first) while it may still
   * hold its sockets, so it counts until it is a zombie.
   */
  private readonly seen = new Set<number>();

  constructor(
    private readonly pgid: number,
    private readonly instance: string,
    private readonly port: number,
  ) {}

  /** Signals the group and each marked process; false if none was there. */
  signal(signal: NodeJS.Signals): boolean {
    const group = signalGroup(this.pgid, signal);
    const marked = signalMarked(this.instance, this.port, signal);
    for (const pid of marked) this.seen.add(pid);
    return marked.length > 0 || group;
  }

  /** True while any of them is running (zombies do not count). */
  alive(): boolean {
    if (groupAlive(this.pgid)) return true;
    const marked = findMarked(this.instance, this.port);
    for (const pid of marked) this.seen.add(pid);
    if (marked.length > 0) return true;
    for (const pid of this.seen) {
      if (processAlive(pid)) return true;
      this.seen.delete(pid);
    }
    return false;
  }

  /** Resolves true once none is running, false after timeoutMs. */
  async waitGone(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive()) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /**
   * SIGKILL, again each poll (a process may fork while it is being killed),
   * until none is running; false if some survive timeoutMs (a process stuck
   * in the kernel).
   */
  async killAll(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.signal('SIGKILL');
      if (!this.alive()) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

