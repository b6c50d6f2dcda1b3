import { formatShare } from '../model/format';

export interface ShareVsExpectedProps {
  /** 0..1, or null before any request. */
  observed: number | null;
  /** 0..1; 0 when it takes no new requests. */
  expected: number;
  inRotation: boolean;
  /** A backup standing by while a primary is in rotation. */
  standby?: boolean;
}

/** A port's share of the traffic next to the share its weight asks for, in words and as a bar with a marker. */
export function ShareVsExpected({ observed, expected, inRotation, standby = false }: ShareVsExpectedProps) {
  const why = !inRotation ? ' (out of rotation)' : standby ? ' (standing by)' : '';
  return (
    <div className="share">
      <div className="share__numbers">
        <span>
          share <strong data-testid="observed-share" title={observed === null ? 'no requests yet' : undefined}>
            {formatShare(observed)}
          </strong>
        </span>
        <span className="muted">
          expected <span data-testid="expected-share">{formatShare(expected)}</span>
          {why}
        </span>
      </div>
      <div className="share__bar" aria-hidden="true">
        <div className="share__observed" style={{ width: `${(observed ?? 0) * 100}%` }} />
        <div className="share__expected" style={{ left: `${expected * 100}%` }} />
      </div>
    </div>
  );
}
