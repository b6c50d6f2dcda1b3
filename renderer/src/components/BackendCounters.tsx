import { memo } from 'react';
import { formatRate } from '../model/format';

export interface BackendCountersProps {
  rps: number;
  inFlight: number;
  failures: number;
  retries: number;
}

/** The small numbers of one port: rate, in-flight requests, failed attempts and the retries they caused. */
export const BackendCounters = memo(function BackendCounters({ rps, inFlight, failures, retries }: BackendCountersProps) {
  return (
    <dl className="counters">
      <div>
        <dt>req/s</dt>
        <dd>{formatRate(rps)}</dd>
      </div>
      <div>
        <dt>in flight</dt>
        <dd>{inFlight}</dd>
      </div>
      <div title="Attempts on this port that failed (refused, timed out, reset before a byte)">
        <dt>failures</dt>
        <dd className={failures > 0 ? 'counter--bad' : undefined}>{failures}</dd>
      </div>
      <div title="Requests that failed here and were retried on another port">
        <dt>retried</dt>
        <dd>{retries}</dd>
      </div>
    </dl>
  );
});
