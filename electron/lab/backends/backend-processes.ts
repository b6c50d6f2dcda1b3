import { findMarked, signalMarked } from './marked-processes';
import { groupAlive, signalGroup } from './process-group';

/** How often the processes are looked for while waiting for them to end. */
const POLL_MS = 50;

/**
 * Every process of one backend: its process group (the pty's session leader
 * and what stayed in its group) and every process carrying its mark (what
 * left the group: `set -m` jobs, `setsid` and double-forked daemons).
 * Signals go to both; nothing that carries another mark is touched.
 */
export class BackendProcesses {
  constructor(
    private readonly pgid: number,
    private readonly instance: string,
    private readonly port: number,
  ) {}

  /** Signals the group and each marked process; false if none was there. */
  signal(signal: NodeJS.Signals): boolean {
    const group = signalGroup(this.pgid, signal);
    return signalMarked(this.instance, this.port, signal).length > 0 || group;
  }

  /** True while any of them is running (zombies do not count). */
  alive(): boolean {
    return groupAlive(this.pgid) || findMarked(this.instance, this.port).length > 0;
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
