import { memo } from 'react';
import type { LabApi } from '../../../electron/shared/types';
import { useCommand } from '../hooks/use-command';

/** Zeroes every counter (hits, shares, failures, totals); backends keep running. */
export const ResetCountersButton = memo(function ResetCountersButton({ api }: { api: LabApi }) {
  const command = useCommand();
  const reset = (): void => {
    if (!command.pending) void command.run(() => api.resetStats());
  };
  return (
    <div className="reset">
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
      <button type="button" className="button" aria-disabled={command.pending || undefined} onClick={reset}>
        Reset counters
      </button>
      {command.error && (
        <p className="field-error" role="alert">
          {command.error}
        </p>
      )}
    </div>
  );
});
