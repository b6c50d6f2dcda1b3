import type { BackendState, StatusChange } from '../../../electron/lab/backends/types';
import type { TerminalSource } from '../../../electron/lab/terminal/terminal-source';

/**
 * A supervisor reduced to its terminal surface, driven by the test: it emits
 * the status changes and output chunks a real one would, so the hub's
 * batching and decoding can be checked byte by byte with a manual clock.
 * (Real ptys are exercised in test/integration/terminal.)
 */
export class FakeTerminalSource implements TerminalSource {
  readonly written: { port: number; data: string }[] = [];
  readonly sizes: { port: number; cols: number; rows: number }[] = [];
  private readonly states = new Map<number, BackendState>();
  private readonly statusListeners = new Set<(change: StatusChange) => void>();
  private readonly outputListeners = new Set<(port: number, data: Buffer) => void>();

  add(port: number): void {
    this.states.set(port, { port, status: 'stopped', pid: null, command: `serve ${port}`, restarts: 0, exit: null, error: null, portHolder: null });
  }

  start(port: number, pid: number): void {
    this.set(port, { status: 'starting', pid, exit: null, error: null });
  }

  exit(port: number, exit: BackendState['exit'], status: BackendState['status'] = 'stopped', error: string | null = null): void {
    this.set(port, { status, pid: null, exit, error });
  }

  emit(port: number, data: Buffer | string): void {
    for (const listener of this.outputListeners) listener(port, typeof data === 'string' ? Buffer.from(data) : data);
  }

  list(): BackendState[] {
    return [...this.states.values()];
  }

  get(port: number): BackendState | undefined {
    return this.states.get(port);
  }

  onStatus(listener: (change: StatusChange) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onOutput(listener: (port: number, data: Buffer) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  write(port: number, data: string): boolean {
    if (this.states.get(port)?.pid == null) return false;
    this.written.push({ port, data });
    return true;
  }

  resize(port: number, cols: number, rows: number): boolean {
    if (this.states.get(port)?.pid == null) return false;
    this.sizes.push({ port, cols, rows });
    return true;
  }

  private set(port: number, patch: Partial<BackendState>): void {
    const state = this.states.get(port)!;
    const previous = state.status;
    Object.assign(state, patch);
    for (const listener of this.statusListeners) listener({ port, previous, state: { ...state } });
  }
}
