import { memo } from 'react';
import type { BackendStatus, ExitInfo } from '../../../electron/shared/types';
import { describeExit } from '../model/exit-description';

export interface StatusBadgeProps {
  status: BackendStatus;
  exit: ExitInfo | null;
  error: string | null;
}

/**
 * A backend's state in words and in colour (class `status-badge--<status>`):
 * "crashed (SIGKILL)" names how it ended; "failed" carries its reason as a title.
 */
function StatusBadgeView({ status, exit, error }: StatusBadgeProps) {
  const text = status === 'crashed' ? `crashed (${describeExit(exit)})` : status;
  return (
    <span className={`status-badge status-badge--${status}`} title={status === 'failed' && error ? error : undefined}>
      {text}
    </span>
  );
}

/** Re-renders only when the state, how it ended or why it failed changes. */
export const StatusBadge = memo(
  StatusBadgeView,
  (prev, next) => prev.status === next.status && prev.error === next.error && prev.exit?.code === next.exit?.code && prev.exit?.signal === next.exit?.signal,
);
