import { memo } from 'react';
import { formatSeconds } from '../model/format';
import { slowStartPercent } from '../model/same-backend-row';

export interface SlowStartBarProps {
  progress: number | null;
  slowStartMs: number;
}

/** The slow-start ramp of a port coming back: a thin bar and "slow start 40%"; nothing when it is not ramping. */
function SlowStartBarView({ progress, slowStartMs }: SlowStartBarProps) {
  const percent = slowStartPercent(progress);
  if (percent === null) return null;
  return (
    <div
      className="slow-start"
      role="progressbar"
      aria-label="Slow start"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      title={`Its weight ramps up to full over ${formatSeconds(slowStartMs)} after it came back`}
    >
      <span className="slow-start__text">slow start {percent}%</span>
      <span className="slow-start__track" aria-hidden="true">
        <span className="slow-start__fill" style={{ width: `${percent}%` }} />
      </span>
    </div>
  );
}

/** Re-renders when the whole percent it shows changes, not for each step of the ramp. */
export const SlowStartBar = memo(SlowStartBarView, (prev, next) => prev.slowStartMs === next.slowStartMs && slowStartPercent(prev.progress) === slowStartPercent(next.progress));
