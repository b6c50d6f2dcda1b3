import { useEffect, useState } from 'react';
import type { LabApi } from '../../../electron/shared/types';

/**
 * Shown until the first snapshot arrives. It asks the lab once: a lab
 * that refuses (a browser without the token cookie) or cannot be reached
 * says why here, instead of "connecting" for ever.
 */
export function ConnectingState({ api }: { api: Pick<LabApi, 'snapshot'> }) {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.snapshot().then((result) => {
      if (live && !result.ok) setProblem(result.error);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <div className="connecting" role="status">
      {problem === null ? <p>Connecting to the lab…</p> : <p role="alert">{problem}</p>}
    </div>
  );
}
