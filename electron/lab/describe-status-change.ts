import type { StatusChange } from './backends/types';
import { neutralise } from '../shared/plain-text';
import type { LabEvent } from '../shared/types';

/**
 * A status change in the plain words of the event log; null when not worth
 * a line. The command and the output tail are the backend's own text, so
 * their control characters are neutralised: the log reaches terminals.
 */
export function describeStatusChange(change: StatusChange, stoppedByUser: boolean, what: string): Omit<LabEvent, 'seq' | 'at' | 'port'> | null {
  const { port, previous, state } = change;
  switch (state.status) {
    case 'starting':
      return { kind: 'started', message: `${port} starting: ${neutralise(what)}` };
    case 'up':
      return { kind: 'up', message: previous === 'starting' && state.restarts === 0 ? `${port} up (pid ${state.pid})` : `${port} back up (pid ${state.pid})` };
    case 'stopping':
      return null;
    case 'stopped':
      return { kind: 'stopped', message: stoppedByUser || previous === 'stopping' ? `${port} stopped by you` : `${port} stopped` };
    case 'crashed': {
      const how = state.exit?.signal ?? `exit code ${state.exit?.code ?? '?'}`;
      return { kind: 'crashed', message: `${port} crashed (${how}); out of rotation` };
    }
    case 'failed':
      return { kind: 'failed', message: `${port} failed to start: ${neutralise(state.error ?? 'unknown reason')}` };
  }
}
