import * as pty from 'node-pty';
import type { ExitInfo } from '../../shared/types';
import { signalGroup } from './process-group';
import { signalName } from './signal-name';

export interface PtySessionOptions {
  /** Run by /bin/sh -c. */
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Receives every chunk of output until the session ends. */
  onData: (data: Buffer) => void;
}

/**
 * One process on a pseudo-terminal: `/bin/sh -c command` as a session and
 * process-group leader. Signals go to the whole group; output that arrives
 * after the leader has exited is dropped.
 */
export class PtySession {
  readonly pid: number;
  /** Resolves once the leader has exited (and its output has drained). */
  readonly exited: Promise<ExitInfo>;
  private ended = false;
  private readonly pty: pty.IPty;

  constructor(options: PtySessionOptions) {
    this.pty = pty.spawn('/bin/sh', ['-c', options.command], {
      name: 'xterm-256color',
      cols: 120,
      rows: 30,
      cwd: options.cwd,
      env: options.env,
      // Raw bytes: the output buffer decodes them, never splitting a character.
      encoding: null,
    });
    this.pid = this.pty.pid;
    const data = this.pty.onData((chunk: string | Buffer) => {
      if (this.ended) return;
      options.onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    });
    this.exited = new Promise((resolve) => {
      const exit = this.pty.onExit(({ exitCode, signal }) => {
        this.ended = true;
        data.dispose();
        exit.dispose();
        const name = signalName(signal);
        resolve(name === null ? { code: exitCode, signal: null } : { code: null, signal: name });
      });
    });
  }

  /** True once the leader has exited. */
  get hasEnded(): boolean {
    return this.ended;
  }

  /** Sends input to the terminal (Ctrl-C is '\x03'); false once the session has ended. */
  write(data: string): boolean {
    if (this.ended) return false;
    this.pty.write(data);
    return true;
  }

  /** Resizes the terminal; false once the session has ended or the size is refused. */
  resize(cols: number, rows: number): boolean {
    if (this.ended) return false;
    try {
      this.pty.resize(cols, rows);
      return true;
    } catch {
      // The pty closed between the check and the ioctl.
      return false;
    }
  }

  /** Signals the whole process group; false if it is gone already. */
  signal(signal: NodeJS.Signals): boolean {
    return signalGroup(this.pid, signal);
  }
}
