import type { BackendState, StatusChange } from '../backends/types';

/**
 * What the terminal hub needs of the Supervisor (which has exactly these
 * methods): the backends, their status changes, their raw pty output, and
 * their ptys' input and size.
 */
export interface TerminalSource {
  list(): BackendState[];
  get(port: number): BackendState | undefined;
  onStatus(listener: (change: StatusChange) => void): () => void;
  onOutput(listener: (port: number, data: Buffer) => void): () => void;
  write(port: number, data: string): boolean;
  resize(port: number, cols: number, rows: number): boolean;
}
