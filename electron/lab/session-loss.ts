import { probeSessions } from './session-probe';

/**
 * Remembers which backends held visitors' sessions when their process
 * ended, so the event log can say those sessions are lost (the tutorials'
 * reason for ip_hash and sticky sessions). Two cheap sources: the sample
 * backend's own count, asked once just before the lab stops or kills it,
 * and the clients the sticky cookie pinned there (the only source for a
 * crash nobody asked for).
 */
export class SessionLoss {
  private readonly held = new Map<number, number>();

  constructor(private readonly host: string) {}

  /** The lab is about to end this backend's process: ask it how many sessions it holds (one bounded loopback request). */
  async note(port: number): Promise<void> {
    const sessions = await probeSessions(this.host, port);
    if (sessions > 0) this.held.set(port, sessions);
  }

  /** The backend's process ended: did it hold sessions? Forgets what was noted. */
  ended(port: number, stickyClients: number): boolean {
    const held = Math.max(this.held.get(port) ?? 0, stickyClients);
    this.held.delete(port);
    return held > 0;
  }

  /** The backend was removed: nothing to report for it any more. */
  forget(port: number): void {
    this.held.delete(port);
  }
}
