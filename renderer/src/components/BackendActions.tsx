import { memo, useRef, type MouseEvent } from 'react';
import type { LabApi, Result, RowAction } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';
import { useFocusRescue } from '../hooks/use-focus-rescue';

/** The buttons, in the order a row shows them. */
const ROW_ACTIONS: readonly RowAction[] = ['start', 'stop', 'kill', 'restart', 'remove'];

const LABELS: Record<RowAction, { name: string; hint: string }> = {
  start: { name: 'Start', hint: 'Start the process again' },
  stop: { name: 'Stop', hint: 'Take it out of rotation, let in-flight requests finish, then SIGTERM' },
  kill: { name: 'Kill', hint: 'SIGKILL now: a crash, as a failing server would' },
  restart: { name: 'Restart', hint: 'Stop (draining first) and start again' },
  remove: { name: 'Remove', hint: 'Stop it and drop it from the upstream' },
};

export interface BackendActionsProps {
  api: LabApi;
  port: number;
  /** What the lab's snapshot says this backend's state allows. */
  allowed: readonly RowAction[];
}

/**
 * Start / Stop / Kill / Restart / Remove for one port, each enabled only
 * where the lab says its state allows it; all disabled while one is in flight.
 * A refusal is shown under the buttons. Keyboard focus stays in the row.
 */
function BackendActionsView({ api, port, allowed }: BackendActionsProps) {
  const command = useCommand();
  const group = useRef<HTMLDivElement>(null);
  const focus = useFocusRescue(group);
  const run = (action: RowAction, event: MouseEvent): Promise<Result<null>> => {
    // detail 0: Enter or Space, not a pointer. Keep such a user's focus in this row.
    if (event.detail === 0) focus.arm();
    return command.run(() => (action === 'remove' ? api.removeBackend(port) : api.backendAction(port, action)));
  };
  return (
    <div className="backend-actions">
      <div ref={group} className="backend-actions__buttons" role="group" aria-label={`Actions for port ${port}`} aria-busy={command.pending || undefined}>
        {ROW_ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className={`button button--${action}`}
            title={LABELS[action].hint}
            disabled={command.pending || !allowed.includes(action)}
            onClick={(event) => void run(action, event)}
          >
            {LABELS[action].name}
          </button>
        ))}
      </div>
      {command.error && (
        <p className="field-error" role="alert">
          {command.error}
        </p>
      )}
    </div>
  );
}

/** Re-renders only when the allowed actions change, not for each snapshot's new (equal) list. */
export const BackendActions = memo(BackendActionsView, (prev, next) => prev.api === next.api && prev.port === next.port && prev.allowed.join() === next.allowed.join());
