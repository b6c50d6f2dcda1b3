import { memo, useId } from 'react';
import type { LoadInput, LoadProgress } from '../../../electron/shared/load';
import type { Result } from '../../../electron/shared/types';
import { sameData } from '../model/same-data';
import { HammerForm } from './HammerForm';
import { HammerProgress } from './HammerProgress';
import { HammerResult } from './HammerResult';
import './HammerPanel.css';

export interface HammerPanelProps {
  /** The lab's hammer progress (from its snapshot). */
  status: LoadProgress;
  /** Start a run; the input has passed loadInputSchema already. */
  onStart: (input: LoadInput) => Promise<Result<unknown>>;
  onStop: () => Promise<Result<unknown>>;
}

/**
 * The load generator ("Hammer"): a fixed arrival rate (open loop) or as
 * fast as N connections go (closed loop), for a duration, over weighted
 * paths and simulated clients; a progress bar with the time left while it
 * runs, and the result (req/s, latency percentiles, errors, per-backend
 * split) when it ends. Checks the form with the lab's own loadInputSchema.
 */
function HammerPanelView({ status, onStart, onStop }: HammerPanelProps) {
  const id = useId();
  const running = status.state === 'running';

  return (
    <section className="panel hammer" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Hammer</h2>
      <HammerForm id={id} running={running} onStart={onStart} onStop={onStop} />
      {running && <HammerProgress progress={status} />}
      {!running && status.result && (
        <>
          <p className="muted small">{status.state === 'done' ? 'Last run finished.' : 'Last run was stopped.'}</p>
          <HammerResult result={status.result} errors={status.errors} />
        </>
      )}
    </section>
  );
}

/** Each snapshot brings a new copy of the progress: re-renders when it says something new, and then not the form. */
export const HammerPanel = memo(HammerPanelView, (prev, next) => prev.onStart === next.onStart && prev.onStop === next.onStop && sameData(prev.status, next.status));
