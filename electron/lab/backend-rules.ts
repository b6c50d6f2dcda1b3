import { LabError } from './lab-error';
import type { BackendStatus, RowAction } from '../shared/types';

/**
 * Which actions each state allows: the lab's one table. The snapshot
 * carries it per backend and the dashboard's buttons read it; a command
 * outside it is a 409. `stopping` allows only a remove, which waits for
 * the stop.
 */
const ALLOWED: Record<BackendStatus, readonly RowAction[]> = {
  starting: ['stop', 'kill', 'restart', 'remove'],
  up: ['stop', 'kill', 'restart', 'remove'],
  stopping: ['remove'],
  stopped: ['start', 'restart', 'remove'],
  crashed: ['start', 'restart', 'remove'],
  failed: ['start', 'restart', 'remove'],
};

export function allowedActions(status: BackendStatus): readonly RowAction[] {
  return ALLOWED[status];
}

/** Throws the 409 a person sees when `action` does not fit `port`'s state. */
export function requireAllowed(port: number, status: BackendStatus, action: RowAction): void {
  if (ALLOWED[status].includes(action)) return;
  const running = status === 'up' || status === 'starting' || status === 'stopping';
  throw new LabError(running ? `${port} is already ${status}` : `${port} is not running (${status})`, 409, 'action');
}
