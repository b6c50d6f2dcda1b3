import { formatCount, formatRate } from '../model/format';

export interface TotalsProps {
  requests: number;
  rps: number;
  errors: number;
}

/** What the proxy's clients saw: all requests, the current rate, and the error pages the lab had to serve. */
export function Totals({ requests, rps, errors }: TotalsProps) {
  return (
    <dl className="totals">
      <div>
        <dt>requests</dt>
        <dd data-testid="total-requests">{formatCount(requests)}</dd>
      </div>
      <div>
        <dt>req/s</dt>
        <dd>{formatRate(rps)}</dd>
      </div>
      <div title="Responses the proxy produced itself because no backend could answer">
        <dt>errors seen by clients</dt>
        <dd className={errors > 0 ? 'counter--bad' : undefined}>{formatCount(errors)}</dd>
      </div>
    </dl>
  );
}
