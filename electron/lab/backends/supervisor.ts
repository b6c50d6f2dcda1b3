import type { BackendStatus, ExitInfo } from '../../shared/types';
import { acceptsConnection } from './accepts-connection';
import { canListen } from './can-listen';
import { defaultCommand } from './default-command';
import { OutputBuffer } from './output-buffer';
import { outputTail } from './output-tail';
import { signalGroup, waitGroupGone } from './process-group';
import { PtySession } from './pty-session';
import type { BackendSpec, BackendState, StatusChange, SupervisorOptions } from './types';
import { unwatchGroup, watchGroup } from './watchdog';

const DEFAULTS: Required<SupervisorOptions> = {
  readyTimeoutMs: 10_000,
  killGraceMs: 3_000,
  outputLimitBytes: 64 * 1024,
};
/** How often readiness is probed. */
const PROBE_INTERVAL_MS = 50;
/** After SIGKILL, how long to wait for a process group to vanish before giving up on it. */
const SIGKILL_WAIT_MS = 1_000;

const ACTIVE: ReadonlySet<BackendStatus> = new Set(['starting', 'up', 'stopping']);

/**
 * What the supervisor wants of a running process; decides the status it gets
 * when it exits. 'run': an exit is a failure (before ready) or a crash.
 */
type Intent = 'run' | 'stop' | 'kill' | 'timeout';

/** One spawn of a backend. */
interface Run {
  session: PtySession;
  intent: Intent;
  /** For 'stop': when SIGKILL follows SIGTERM. */
  stopDeadline: number;
  killTimer: NodeJS.Timeout | null;
  /** Resolves once the exit has been handled and the final status set. */
  finished: Promise<void>;
}

interface Entry {
  spec: BackendSpec;
  state: BackendState;
  output: OutputBuffer;
  run: Run | null;
}

/**
 * Owns the backend processes: one per port, each `/bin/sh -c command` on its
 * own pseudo-terminal (so it leads its own session and process group).
 *
 * starting -> up -> stopping -> stopped; an exit it did not ask for is
 * 'crashed' (when up) or 'failed' (before it accepted connections, or not
 * within readyTimeoutMs). kill() is the crash demo: SIGKILL, then 'crashed'.
 * Signals always go to the whole process group, so nothing a backend started
 * outlives it.
 */
export class Supervisor {
  private readonly options: Required<SupervisorOptions>;
  private readonly entries = new Map<number, Entry>();
  /** Ports whose start() is checking the port, before anything is spawned. */
  private readonly reserving = new Set<number>();
  private readonly listeners = new Set<(change: StatusChange) => void>();
  private readonly outputListeners = new Set<(port: number, data: Buffer) => void>();
  private closing = false;

  constructor(options: SupervisorOptions = {}) {
    this.options = {
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULTS.readyTimeoutMs,
      killGraceMs: options.killGraceMs ?? DEFAULTS.killGraceMs,
      outputLimitBytes: options.outputLimitBytes ?? DEFAULTS.outputLimitBytes,
    };
  }

  /**
   * Starts a backend on spec.port and resolves once it accepts TCP connections
   * on 127.0.0.1 ('up'), or has 'failed' (exited first, timed out, or the port
   * was held by another program), or was stopped or killed meanwhile.
   * Throws if that port's backend is already running.
   */
  async start(spec: BackendSpec): Promise<BackendState> {
    const { port } = spec;
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new RangeError(`port must be an integer from 1 to 65535, got ${port}`);
    }
    if (this.closing) throw new Error('the supervisor is shutting down');
    const existing = this.entries.get(port);
    if (this.reserving.has(port) || (existing !== undefined && ACTIVE.has(existing.state.status))) {
      throw new Error(`the backend on port ${port} is already ${existing?.state.status ?? 'starting'}`);
    }
    const command = (spec.command ?? defaultCommand()).replaceAll('{port}', String(port));

    this.reserving.add(port);
    let free: boolean;
    try {
      free = await canListen(port);
    } finally {
      this.reserving.delete(port);
    }
    if (this.closing) throw new Error('the supervisor is shutting down');

    const entry: Entry = existing ?? {
      spec,
      state: { port, status: 'stopped', pid: null, command, restarts: 0, exit: null, error: null },
      output: new OutputBuffer(this.options.outputLimitBytes),
      run: null,
    };
    entry.spec = { ...spec };
    this.entries.set(port, entry);

    if (!free) {
      this.setStatus(entry, 'failed', {
        pid: null,
        command,
        exit: null,
        error: `port ${port} is in use by another program on 127.0.0.1; it was left alone`,
      });
      return this.snapshot(entry);
    }

    // A prompt-like header, so the output of successive runs reads apart.
    entry.output.push(`${entry.output.size > 0 ? '\r\n' : ''}$ ${command}\r\n`);
    let session: PtySession;
    try {
      session = new PtySession({
        command,
        cwd: spec.cwd ?? process.cwd(),
        env: { ...process.env, ...spec.env, PORT: String(port), ELECTRON_RUN_AS_NODE: '1' },
        onData: (data) => {
          entry.output.push(data);
          this.emitOutput(port, data);
        },
      });
    } catch (err) {
      this.setStatus(entry, 'failed', { pid: null, command, exit: null, error: `could not start: ${message(err)}` });
      return this.snapshot(entry);
    }
    watchGroup(session.pid);
    const run: Run = { session, intent: 'run', stopDeadline: 0, killTimer: null, finished: Promise.resolve() };
    entry.run = run;
    run.finished = this.handleExit(entry, run);
    this.setStatus(entry, 'starting', { pid: session.pid, command, exit: null, error: null });

    await this.waitReady(entry, run);
    if (entry.state.status !== 'up') await run.finished;
    return this.snapshot(entry);
  }

  /**
   * Stops gracefully: 'stopping', SIGTERM to the process group, SIGKILL after
   * killGraceMs; resolves 'stopped' once every process of the group is gone.
   * A backend that is not running is left as it is.
   */
  async stop(port: number): Promise<BackendState> {
    const entry = this.require(port);
    const run = entry.run;
    if (run === null || !ACTIVE.has(entry.state.status)) return this.snapshot(entry);
    if (run.intent === 'run') {
      run.intent = 'stop';
      run.stopDeadline = Date.now() + this.options.killGraceMs;
      this.setStatus(entry, 'stopping', {});
      run.session.signal('SIGTERM');
      run.killTimer = setTimeout(() => run.session.signal('SIGKILL'), this.options.killGraceMs);
    }
    await run.finished;
    return this.snapshot(entry);
  }

  /** The crash demo: SIGKILL to the process group at once; resolves 'crashed'. */
  async kill(port: number): Promise<BackendState> {
    const entry = this.require(port);
    const run = entry.run;
    if (run === null || !ACTIVE.has(entry.state.status)) return this.snapshot(entry);
    if (run.intent !== 'timeout') run.intent = 'kill';
    run.session.signal('SIGKILL');
    await run.finished;
    return this.snapshot(entry);
  }

  /** Stops it if running, then starts it again with the same spec; counts the restart. */
  async restart(port: number): Promise<BackendState> {
    const entry = this.require(port);
    if (ACTIVE.has(entry.state.status)) await this.stop(port);
    entry.state.restarts++;
    return this.start(entry.spec);
  }

  /** Stops it if running, then forgets it. */
  async remove(port: number): Promise<void> {
    if (!this.entries.has(port)) return;
    await this.stop(port);
    this.entries.delete(port);
  }

  get(port: number): BackendState | undefined {
    const entry = this.entries.get(port);
    return entry === undefined ? undefined : this.snapshot(entry);
  }

  /** Every known backend, by port. */
  list(): BackendState[] {
    return [...this.entries.values()].sort((a, b) => a.state.port - b.state.port).map((e) => this.snapshot(e));
  }

  /** What the backend has written to its terminal (the tail, raw); '' if unknown. */
  output(port: number): string {
    return this.entries.get(port)?.output.toString() ?? '';
  }

  /**
   * Calls back on every status change (a backend seen for the first time
   * changes from 'stopped'); returns the unsubscribe function.
   */
  onStatus(listener: (change: StatusChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Calls back with every chunk of raw pty output of every backend, as it
   * arrives (before any status change its session's exit causes); returns
   * the unsubscribe function.
   */
  onOutput(listener: (port: number, data: Buffer) => void): () => void {
    this.outputListeners.add(listener);
    return () => {
      this.outputListeners.delete(listener);
    };
  }

  /** Sends input to the backend's terminal; false when it has no running process. */
  write(port: number, data: string): boolean {
    const run = this.entries.get(port)?.run;
    return run !== null && run !== undefined && run.session.write(data);
  }

  /** Resizes the backend's terminal; false when it has no running process. */
  resize(port: number, cols: number, rows: number): boolean {
    const run = this.entries.get(port)?.run;
    return run !== null && run !== undefined && run.session.resize(cols, rows);
  }

  /** Stops every backend, in parallel; no start is accepted afterwards. */
  async shutdown(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.entries.keys()].map((port) => this.stop(port)));
  }

  /** SIGKILL to every running process group, synchronously: for process 'exit' handlers. */
  killAllSync(): void {
    for (const entry of this.entries.values()) {
      if (entry.run !== null && ACTIVE.has(entry.state.status)) signalGroup(entry.run.session.pid, 'SIGKILL');
    }
  }

  /** Probes the port until it accepts a connection ('up'), the run ends, or time runs out. */
  private async waitReady(entry: Entry, run: Run): Promise<void> {
    const { port } = entry.state;
    const { readyTimeoutMs } = this.options;
    const deadline = Date.now() + readyTimeoutMs;
    const stillStarting = (): boolean =>
      run.intent === 'run' && !run.session.hasEnded && entry.state.status === 'starting';
    while (stillStarting()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        run.intent = 'timeout';
        run.session.signal('SIGKILL');
        return;
      }
      if (await acceptsConnection(port, Math.min(500, remaining))) {
        if (stillStarting()) this.setStatus(entry, 'up', {});
        return;
      }
      await Promise.race([sleep(Math.min(PROBE_INTERVAL_MS, remaining)), run.session.exited]);
    }
  }

  /** Waits for the leader to exit, clears the rest of its group, sets the final status. */
  private async handleExit(entry: Entry, run: Run): Promise<void> {
    const exit = await run.session.exited;
    const pgid = run.session.pid;
    if (run.intent === 'stop') {
      // Grandchildren still finishing their requests get the rest of the grace period.
      const gone = await waitGroupGone(pgid, Math.max(0, run.stopDeadline - Date.now()));
      if (!gone && signalGroup(pgid, 'SIGKILL')) await waitGroupGone(pgid, SIGKILL_WAIT_MS);
    } else if (signalGroup(pgid, 'SIGKILL')) {
      // Whatever the leader left behind goes with it.
      await waitGroupGone(pgid, SIGKILL_WAIT_MS);
    }
    if (run.killTimer !== null) clearTimeout(run.killTimer);
    unwatchGroup(pgid);

    const { port, status } = entry.state;
    const tail = (): string => `\n--- last output ---\n${outputTail(entry.output.toString())}`;
    const end = { pid: null, exit };
    switch (run.intent) {
      case 'stop':
        this.setStatus(entry, 'stopped', end);
        break;
      case 'kill':
        this.setStatus(entry, 'crashed', end);
        break;
      case 'timeout':
        this.setStatus(entry, 'failed', {
          ...end,
          error: `did not accept connections on 127.0.0.1:${port} within ${this.options.readyTimeoutMs} ms; killed${tail()}`,
        });
        break;
      case 'run':
        if (status === 'starting') {
          this.setStatus(entry, 'failed', {
            ...end,
            error: `${describeExit(exit)} before accepting connections on 127.0.0.1:${port}${tail()}`,
          });
        } else {
          this.setStatus(entry, 'crashed', end);
        }
        break;
    }
  }

  private setStatus(entry: Entry, status: BackendStatus, patch: Partial<BackendState>): void {
    const previous = entry.state.status;
    Object.assign(entry.state, patch, { status });
    if (previous === status) return;
    const change: StatusChange = { port: entry.state.port, previous, state: this.snapshot(entry) };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        console.error('backend status listener failed:', err);
      }
    }
  }

  private emitOutput(port: number, data: Buffer): void {
    for (const listener of this.outputListeners) {
      try {
        listener(port, data);
      } catch (err) {
        console.error('backend output listener failed:', err);
      }
    }
  }

  private snapshot(entry: Entry): BackendState {
    const { state } = entry;
    return { ...state, exit: state.exit === null ? null : { ...state.exit } };
  }

  private require(port: number): Entry {
    const entry = this.entries.get(port);
    if (entry === undefined) throw new Error(`no backend on port ${port}`);
    return entry;
  }
}

function describeExit(exit: ExitInfo): string {
  return exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
