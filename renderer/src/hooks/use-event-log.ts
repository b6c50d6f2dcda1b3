import { useEffect, useState } from 'react';
import type { LabApi, LabEvent } from '../../../electron/shared/types';

/** One line of the event log, with a key that stays put as newer lines arrive. */
export interface LogLine extends LabEvent {
  id: number;
}

export const EVENT_LOG_LINES = 200;
/** Events arriving together (the replayed history, a burst of crashes) render once. */
const BATCH_MS = 50;

let nextId = 1;

/** The lab's events, newest first, at most `cap` lines. */
export function useEventLog(api: LabApi, cap = EVENT_LOG_LINES): LogLine[] {
  const [lines, setLines] = useState<LogLine[]>([]);
  useEffect(() => {
    let pending: LogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      const batch = pending.reverse();
      pending = [];
      setLines((previous) => [...batch, ...previous].slice(0, cap));
    };
    const unsubscribe = api.onEvent((event) => {
      pending.push({ ...event, id: nextId++ });
      timer ??= setTimeout(flush, BATCH_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      // A new subscription replays the history: start from an empty log.
      setLines([]);
    };
  }, [api, cap]);
  return lines;
}
