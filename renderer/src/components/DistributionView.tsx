import { memo } from 'react';
import { formatShare } from '../model/format';
import { sameTrafficShares, type TrafficShare } from '../model/traffic-share';
import { RECENT_HITS_WINDOW_MS } from '../../../electron/shared/stat-windows';
import { DistributionChart } from './DistributionChart';
import './DistributionView.css';

const RECENT = `last ${RECENT_HITS_WINDOW_MS / 1000} s`;

/**
 * How the traffic is spread: per port, the share its weight asks for
 * against the share it got since the last reset and over the last 10 s
 * (so after a stop the new split shows at once), as bars and as a table.
 */
export const DistributionView = memo(
  function DistributionView({ shares }: { shares: readonly TrafficShare[] }) {
    return (
      <section className="panel distribution" aria-labelledby="distribution-title">
        <h2 id="distribution-title">Distribution</h2>
        {shares.length === 0 ? (
          <p className="muted">No backends.</p>
        ) : (
          <>
            <p className="legend" aria-hidden="true">
              <span className="legend__swatch legend__swatch--expected" /> expected <span className="legend__swatch legend__swatch--observed" /> since reset <span className="legend__swatch legend__swatch--recent" /> {RECENT}
            </p>
            <DistributionChart shares={shares} />
            <table className="distribution-table">
              <caption className="visually-hidden">Share of requests per port, expected from the weights and observed since the last reset and over the {RECENT}</caption>
              <thead>
                <tr>
                  <th scope="col">Port</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Observed</th>
                  <th scope="col">Last {RECENT_HITS_WINDOW_MS / 1000} s</th>
                </tr>
              </thead>
              <tbody>
                {shares.map((s) => (
                  <tr key={s.port} className={s.inRotation ? undefined : 'out-of-rotation'}>
                    <th scope="row">{s.port}</th>
                    <td>{s.weight}</td>
                    <td>{formatShare(s.expected)}</td>
                    <td>{formatShare(s.observed)}</td>
                    <td>{formatShare(s.recent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    );
  },
  (prev, next) => sameTrafficShares(prev.shares, next.shares),
);
