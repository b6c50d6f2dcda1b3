import type { BackendStatus, ExitInfo } from '../../shared/types';

/** How to run one backend. `{port}` in the command is replaced; PORT is set too. */
export interface BackendSpec {
  port: number;
  /** Shell command template; undefined runs the bundled sample backend. */
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
}

/** What the supervisor knows about one backend at a moment. */
export interface BackendState {
  port: number;
  status: BackendStatus;
  pid: number | null;
  /** The command as run, with `{port}` filled in. */
  command: string;
  restarts: number;
  exit: ExitInfo | null;
  /**
   * For `failed`: why, with the tail of its output, or the program holding
   * the port.
   */
  error: string | null;
  /**
   * Set when the backend's process has ended (stopped, crashed, failed) but
   * its port is still taken on 127.0.0.1 or [::1], or when a start found it
   * taken: who holds it. Null while the port is free or the backend runs.
   */
  portHolder: PortHolder | null;
}

/** A program listening on a port (see findPortHolder). */
export interface PortHolder {
  /** The address it listens on: '127.0.0.1', '0.0.0.0', '::1', '::', ... */
  address: string;
  /** Null when the process cannot be seen (another user's). */
  pid: number | null;
  /** Its command line, arguments joined by spaces; null when unknown. */
  command: string | null;
}

export interface StatusChange {
  port: number;
  previous: BackendStatus;
  state: BackendState;
}

export interface SupervisorOptions {
  /** How long a backend has to accept connections after spawn (default 10 000). */
  readyTimeoutMs?: number;
  /** SIGTERM to SIGKILL grace period when stopping (default 3 000). */
  killGraceMs?: number;
  /** Output kept per backend, in bytes (default 64 KiB). */
  outputLimitBytes?: number;
}
