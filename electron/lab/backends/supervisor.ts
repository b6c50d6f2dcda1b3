import type { BackendStatus, ExitInfo } from '../../shared/types';
import { acceptsConnection } from './accepts-connection';
import { BackendProcesses } from './backend-processes';
import { takenOn } from './can-listen';
import { defaultCommand } from './default-command';
import { KeyedQueue } from './keyed-queue';
import { MARK_VARIABLE, markOf, newInstanceId, signalMarked } from './marked-processes';
import { OutputBuffer } from './output-buffer';
import { outputTail } from './output-tail';
import { describeHolder, findPortHolder } from './port-holder';
import { signalGroup } from './process-group';
import { PtySession } from './pty-session';
import type { BackendSpec, BackendState, PortHolder, StatusChange, SupervisorOptions } from './types';
import { unwatchGroup, unwatchMarks, watchGroup, watchMarks } from './watchdog';

const DEFAULTS: Required<SupervisorOptions> = {
  readyTimeoutMs: 10_000,
  killGraceMs: 3_000,
  outputLimitBytes: 64 * 1024,
};
/** How often readiness is probed. */
const PROBE_INTERVAL_MS = 50;
/** After SIGKILL, how long to wait for a backend's processes to vanish before giving up on them. */
const SIGKILL_WAIT_MS = 1_000;
/** After a backend's processes are gone, how long its port may take to be released before a holder is reported. */
const PORT_RELEASE_MS = 500;
/** killAllSync: SIGKILL rounds, for marked processes that fork while being killed. */
const SYNC_KILL_ROUNDS = 3;

const ACTIVE: ReadonlySet<BackendStatus> = new Set(['starting', 'up', 'stopping']);

/**
 * What the supervisor wants of a running process; decides the status it gets
 * when it exits. 'run': an exit is a failure (before ready) or a crash.
 */
type Intent = 'run' | 'stop' | 'kill' | 'timeout';

/** One spawn of a backend. */
interface Run {
  session: PtySession;
  /** Its process group and every process carrying its mark. */
  processes: BackendProcesses;
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
  /** remove() was called: a queued or running start must not spawn it again. */
  removed: boolean;
}

/**
 * Owns the backend processes: one per port, each `/bin/sh -c command` on its
 * own pseudo-terminal (so it leads its own session and process group), with
 * LB_LAB_MARK=<instanceId>:<port> in its environment, which every descendant
 * inherits.
 *
 * starting -> up -> stopping -> stopped; an exit it did not ask for is
 * 'crashed' (when up) or 'failed' (before it accepted connections, or not
 * within readyTimeoutMs). kill() is the crash demo: SIGKILL, then 'crashed'.
 * Signals go to the whole process group and to every process carrying the
 * backend's mark, so nothing a backend started outlives it, even what left
 * the group (`set -m`, `setsid`); processes of other instances are never
 * touched. Once a backend's processes are gone, the port is checked on
 * 127.0.0.1 and [::1]; a program still holding it is named in `portHolder`.
 *
 * start, restart and remove of one port run one at a time, in call order;
 * stop and kill act at once (they interrupt a start). A remove wins over a
 * restart whatever their order: afterwards no process runs and the port is
 * unknown.
 */
export class Supervisor {
  /** This supervisor's part of every mark; another instance's processes carry another. */
  readonly instanceId = newInstanceId();
  private readonly options: Required<SupervisorOptions>;
  private readonly entries = new Map<number, Entry>();
  /** start, restart and remove, one at a time per port. */
  private readonly lifecycle = new KeyedQueue<number>();
  private readonly listeners = new Set<(change: StatusChange) => void>();
  private readonly outputListeners = new Set<(port: number, data: Buffer) => void>();
  private closing = false;
  private watchingMarks = false;

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
   * was held by another program on 127.0.0.1 or [::1]), or was stopped or
   * killed meanwhile. A failed start's state says why in `error` (the output
   * tail, or the port's holder, also in `portHolder`).
   * Rejects if that port's backend is already running, is being removed, or
   * the supervisor is shutting down.
   */
  async start(spec: BackendSpec): Promise<BackendState> {
    const { port } = spec;
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new RangeError(`port must be an integer from 1 to 65535, got ${port}`);
    }
    if (this.closing) throw new Error('the supervisor is shutting down');
    return this.lifecycle.run(port, () => this.startNow(spec));
  }

  private async startNow(spec: BackendSpec): Promise<BackendState> {
    const { port } = spec;
    const refuse = (existing: Entry | undefined): void => {
      if (this.closing) throw new Error('the supervisor is shutting down');
      if (existing?.removed === true) throw new Error(`the backend on port ${port} is being removed`);
      if (existing !== undefined && ACTIVE.has(existing.state.status)) {
        throw new Error(`the backend on port ${port} is already ${existing.state.status}`);
      }
    };
    const existing = this.entries.get(port);
    refuse(existing);
    const command = (spec.command ?? defaultCommand()).replaceAll('{port}', String(port));

    const taken = await takenOn(port);
    refuse(existing);

    const entry: Entry = existing ?? {
      spec,
      state: { port, status: 'stopped', pid: null, command, restarts: 0, exit: null, error: null, portHolder: null },
      output: new OutputBuffer(this.options.outputLimitBytes),
      run: null,
      removed: false,
    };
    entry.spec = { ...spec };
    this.entries.set(port, entry);

    if (taken !== null) {
      const holder = (await findPortHolder(port)) ?? { address: taken, pid: null, command: null };
      this.setStatus(entry, 'failed', {
        pid: null,
        command,
        exit: null,
        error: `port ${port} is in use by another program: ${describeHolder(holder)}; it was left alone`,
        portHolder: holder,
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
        env: {
          ...process.env,
          ...spec.env,
          PORT: String(port),
          ELECTRON_RUN_AS_NODE: '1',
          [MARK_VARIABLE]: markOf(this.instanceId, port),
        },
        onData: (data) => {
          entry.output.push(data);
          this.emitOutput(port, data);
        },
      });
    } catch (err) {
      this.setStatus(entry, 'failed', {
        pid: null,
        command,
        exit: null,
        error: `could not start: ${message(err)}`,
        portHolder: null,
      });
      return this.snapshot(entry);
    }
    watchGroup(session.pid);
    if (!this.watchingMarks) {
      this.watchingMarks = true;
      watchMarks(this.instanceId);
    }
    const run: Run = {
      session,
      processes: new BackendProcesses(session.pid, this.instanceId, port),
      intent: 'run',
      stopDeadline: 0,
      killTimer: null,
      finished: Promise.resolve(),
    };
    entry.run = run;
    run.finished = this.handleExit(entry, run);
    this.setStatus(entry, 'starting', { pid: session.pid, command, exit: null, error: null, portHolder: null });

    await this.waitReady(entry, run);
    if (entry.state.status !== 'up') await run.finished;
    return this.snapshot(entry);
  }

  /**
   * Stops gracefully: 'stopping', SIGTERM to the process group and every
   * process carrying the backend's mark, SIGKILL after killGraceMs; resolves
   * 'stopped' once all of them are gone and the port has been checked
   * (`portHolder` names a program still holding it). Acts at once, also on a
   * start in progress. A backend that is not running is left as it is.
   */
  async stop(port: number): Promise<BackendState> {
    const entry = this.require(port);
    const run = entry.run;
    if (run === null || !ACTIVE.has(entry.state.status)) return this.snapshot(entry);
    if (run.intent === 'run') {
      run.intent = 'stop';
      run.stopDeadline = Date.now() + this.options.killGraceMs;
      this.setStatus(entry, 'stopping', {});
      run.processes.signal('SIGTERM');
      run.killTimer = setTimeout(() => run.processes.signal('SIGKILL'), this.options.killGraceMs);
    }
    await run.finished;
    return this.snapshot(entry);
  }

  /** The crash demo: SIGKILL to all its processes at once; resolves 'crashed'. */
  async kill(port: number): Promise<BackendState> {
    const entry = this.require(port);
    const run = entry.run;
    if (run === null || !ACTIVE.has(entry.state.status)) return this.snapshot(entry);
    if (run.intent !== 'timeout') run.intent = 'kill';
    run.processes.signal('SIGKILL');
    await run.finished;
    return this.snapshot(entry);
  }

  /**
   * Stops it if running, then starts it again with the same spec; counts the
   * restart. Rejects if it is removed meanwhile (nothing is left running).
   */
  async restart(port: number): Promise<BackendState> {
    this.require(port);
    return this.lifecycle.run(port, async () => {
      const entry = this.require(port);
      if (ACTIVE.has(entry.state.status)) await this.stop(port);
      if (entry.removed) throw new Error(`the backend on port ${port} is being removed`);
      entry.state.restarts++;
      return this.startNow(entry.spec);
    });
  }

  /**
   * Stops it if running (at once, interrupting a start or restart), then
   * forgets it once every start and restart queued before has settled.
   * Resolves with its last state (`portHolder` says if something still holds
   * the port), or undefined if the port was unknown.
   */
  async remove(port: number): Promise<BackendState | undefined> {
    const entry = this.entries.get(port);
    if (entry === undefined && this.lifecycle.pending(port) === 0) return undefined;
    if (entry !== undefined) {
      entry.removed = true;
      // Begin now: a start in progress then ends at once instead of running to 'up'.
      this.stop(port).catch(() => {});
    }
    return this.lifecycle.run(port, async () => {
      const current = this.entries.get(port);
      if (current === undefined) return undefined;
      current.removed = true;
      const last = await this.stop(port);
      this.entries.delete(port);
      return last;
    });
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

  /**
   * Stops every backend, in parallel, waits for queued starts and removes to
   * settle, then SIGKILLs any process still carrying this instance's mark.
   * No start is accepted afterwards.
   */
  async shutdown(): Promise<void> {
    this.closing = true;
    const stopAll = (): Promise<unknown> => Promise.all([...this.entries.keys()].map((port) => this.stop(port)));
    await stopAll();
    await this.lifecycle.idleAll();
    await stopAll();
    this.killMarkedSync();
    if (this.watchingMarks) unwatchMarks(this.instanceId);
  }

  /**
   * SIGKILL to every running process group and every process carrying this
   * instance's mark, synchronously: for process 'exit' handlers.
   */
  killAllSync(): void {
    for (const entry of this.entries.values()) {
      if (entry.run !== null && ACTIVE.has(entry.state.status)) signalGroup(entry.run.session.pid, 'SIGKILL');
    }
    this.killMarkedSync();
  }

  private killMarkedSync(): void {
    for (let round = 0; round < SYNC_KILL_ROUNDS; round++) {
      if (signalMarked(this.instanceId, undefined, 'SIGKILL').length === 0) return;
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
        run.processes.signal('SIGKILL');
        return;
      }
      if (await acceptsConnection(port, Math.min(500, remaining))) {
        if (stillStarting()) this.setStatus(entry, 'up', {});
        return;
      }
      await Promise.race([sleep(Math.min(PROBE_INTERVAL_MS, remaining)), run.session.exited]);
    }
  }

  /**
   * Waits for the leader to exit, ends the rest of its processes, checks the
   * port, sets the final status.
   */
  private async handleExit(entry: Entry, run: Run): Promise<void> {
    const exit = await run.session.exited;
    const pgid = run.session.pid;
    if (run.intent === 'stop') {
      // Children still finishing their requests get the rest of the grace period.
      const gone = await run.processes.waitGone(Math.max(0, run.stopDeadline - Date.now()));
      if (!gone) await run.processes.killAll(SIGKILL_WAIT_MS);
    } else {
      // Whatever the leader left behind goes with it.
      await run.processes.killAll(SIGKILL_WAIT_MS);
    }
    if (run.killTimer !== null) clearTimeout(run.killTimer);
    unwatchGroup(pgid);

    const { port, status } = entry.state;
    const portHolder = await holderOf(port);
    const held = portHolder === null ? '' : `\nport ${port} is still held by ${describeHolder(portHolder)}`;
    const tail = (): string => `${held}\n--- last output ---\n${outputTail(entry.output.toString())}`;
    const end = { pid: null, exit, portHolder };
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

/**
 * Who holds `port` on 127.0.0.1 or [::1], or null once it is free on both.
 * Waits up to PORT_RELEASE_MS first: a socket may outlive its process's last
 * visible trace by a moment, and that is not a holder worth reporting.
 */
async function holderOf(port: number): Promise<PortHolder | null> {
  const deadline = Date.now() + PORT_RELEASE_MS;
  for (;;) {
    const taken = await takenOn(port);
    if (taken === null) return null;
    if (Date.now() >= deadline) return (await findPortHolder(port)) ?? { address: taken, pid: null, command: null };
    await sleep(PROBE_INTERVAL_MS);
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
