import { memo } from 'react';
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
function ShareVsExpectedView({ observed, expected, inRotation, standby = false }: ShareVsExpectedProps) {
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

/** The bar and its marker move by less than this (of the bar's width: a tenth of a pixel on a card) without a re-render. */
const BAR_STEP = 0.0005;
const sameBar = (a: number, b: number): boolean => Math.abs(a - b) < BAR_STEP;

/**
 * Re-renders when the words it shows change or a bar moves by a visible
 * amount: under load the observed share changes by a hundredth of a percent
 * on every snapshot, which neither the text (a tenth of a percent) nor the
 * bar can show. Compared with what it last drew, so it never lags by more.
 */
export const ShareVsExpected = memo(
  ShareVsExpectedView,
  (prev, next) =>
    prev.inRotation === next.inRotation &&
    (prev.standby ?? false) === (next.standby ?? false) &&
    formatShare(prev.observed) === formatShare(next.observed) &&
    formatShare(prev.expected) === formatShare(next.expected) &&
    sameBar(prev.observed ?? 0, next.observed ?? 0) &&
    sameBar(prev.expected, next.expected),
);
