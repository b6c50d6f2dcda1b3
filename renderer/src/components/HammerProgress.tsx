import type { LoadErrors, LoadProgress } from '../../../electron/shared/load';
import { formatCount, formatRate } from '../model/format';
import { runProgress } from '../model/load-progress';

const ERROR_LABELS: Record<keyof LoadErrors, string> = { refused: 'refused', timeout: 'timeout', reset: 'reset', http5xx: '5xx', other: 'other' };

/** Errors by kind, the kinds with none left out; "no errors" when there are none. */
export function HammerErrors({ errors }: { errors: LoadErrors }) {
  const kinds = (Object.keys(ERROR_LABELS) as (keyof LoadErrors)[]).filter((k) => errors[k] > 0);
  if (kinds.length === 0) return <span className="hammer__errors">no errors</span>;
  return (
    <ul className="hammer__errors" aria-label="Errors by kind">
      {kinds.map((k) => (
        <li key={k}>
          {ERROR_LABELS[k]} {formatCount(errors[k])}
        </li>
      ))}
    </ul>
  );
}

/** A running hammer: a progress bar with the time left, what it sent and got back so far. */
export function HammerProgress({ progress }: { progress: LoadProgress }) {
  const { fraction, secondsLeft } = runProgress(progress);
  return (
    <div className="hammer__progress">
      <progress aria-label="Hammer progress" max={1} value={fraction} />
      <span className="hammer__left">{secondsLeft === null ? 'time left unknown' : `${Math.ceil(secondsLeft)} s left`}</span>
      <span>
        sent {formatCount(progress.sent)}, answered {formatCount(progress.answered)}, {formatRate(progress.rate)} req/s
      </span>
      <HammerErrors errors={progress.errors} />
    </div>
  );
}
