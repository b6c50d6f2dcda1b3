import type { BackendAction, BackendStatus } from '../../../electron/shared/types';

/** Every button a backend row has: the lab's actions plus removing it. */
export type RowAction = BackendAction | 'remove';

export const ROW_ACTIONS: readonly RowAction[] = ['start', 'stop', 'kill', 'restart', 'remove'];

const ALLOWED: Record<RowAction, readonly BackendStatus[]> = {
  start: ['stopped', 'crashed', 'failed'],
  stop: ['up', 'starting'],
  kill: ['up', 'starting'],
  restart: ['up', 'crashed', 'stopped', 'failed'],
  remove: ['starting', 'up', 'stopped', 'crashed', 'failed'],
};

/** Whether `action` makes sense for a backend in `status` (the lab refuses the rest with 409). */
export function isActionAllowed(action: RowAction, status: BackendStatus): boolean {
  return ALLOWED[action].includes(status);
}
