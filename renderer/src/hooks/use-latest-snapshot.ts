import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { LabApi, Snapshot } from '../../../electron/shared/types';

/**
 * The newest snapshot, and when it arrived. Only the latest is kept in
 * state; `onEach` sees every one first (the sparklines' history). The
 * dashboard renders it at once, in the task that received it: its numbers
 * then reach the screen in the same frame as the charts' redraw (asked for
 * the next animation frame), not one frame for the canvases and another
 * for the numbers.
 */
export function useLatestSnapshot(api: LabApi, onEach: (snapshot: Snapshot) => void): { snapshot: Snapshot | null; receivedAt: number } {
  const [latest, setLatest] = useState<{ snapshot: Snapshot | null; receivedAt: number }>({ snapshot: null, receivedAt: 0 });
  useEffect(() => {
    let subscribing = true;
    const unsubscribe = api.onSnapshot((snapshot) => {
      onEach(snapshot);
      const next = { snapshot, receivedAt: Date.now() };
      // The latest snapshot replayed to a new subscriber arrives inside this effect, where React cannot flush: it renders just after.
      if (subscribing) setLatest(next);
      else flushSync(() => setLatest(next));
    });
    subscribing = false;
    return unsubscribe;
  }, [api, onEach]);
  return latest;
}
