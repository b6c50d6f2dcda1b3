import { useCallback, useState } from 'react';
import type { Result } from '../../../electron/shared/types';

/** State of one control's command: whether it is in flight, and its last error. */
export interface CommandState {
  pending: boolean;
  error: string | null;
  /** The field the lab named in its last error, if any. */
  field: string | null;
  run<T>(command: () => Promise<Result<T>>): Promise<Result<T>>;
  clearError(): void;
}

/**
 * Run LabApi commands from one control: disables it while in flight and
 * keeps the error to show right there. Never throws.
 */
export function useCommand(): CommandState {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ error: string; field: string | null } | null>(null);
  const run = useCallback(async <T,>(command: () => Promise<Result<T>>): Promise<Result<T>> => {
    setPending(true);
    setFailure(null);
    let result: Result<T>;
    try {
      result = await command();
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    setPending(false);
    if (!result.ok) setFailure({ error: result.error, field: result.field ?? null });
    return result;
  }, []);
  const clearError = useCallback(() => setFailure(null), []);
  return { pending, error: failure?.error ?? null, field: failure?.field ?? null, run, clearError };
}
