import { useEffect, useState } from 'react';
import type { LabApi, Snapshot } from '../../../electron/shared/types';

/**
 * The newest snapshot, and when it arrived. Only the latest is kept in
 * state; `onEach` sees every one first (the sparklines' history).
 */
export function useLatestSnapshot(api: LabApi, onEach: (snapshot: Snapshot) => void): { snapshot: Snapshot | null; receivedAt: number } {
  const [latest, setLatest] = useState<{ snapshot: Snapshot | null; receivedAt: number }>({ snapshot: null, receivedAt: 0 });
  useEffect(
    () =>
      api.onSnapshot((snapshot) => {
        onEach(snapshot);
        setLatest({ snapshot, receivedAt: Date.now() });
      }),
    [api, onEach],
  );
  return latest;
}
