import { memo } from 'react';
import type { BackendSnapshot, LabApi } from '../../../electron/shared/types';
import type { RateHistory } from '../model/rate-history';
import { sameBackendRow } from '../model/same-backend-row';
import type { TrafficShare } from '../model/traffic-share';
import { BackendActions } from './BackendActions';
import { BackendCounters } from './BackendCounters';
import { RpsSparkline } from './RpsSparkline';
import { ShareVsExpected } from './ShareVsExpected';
import { StatusBadge } from './StatusBadge';
import { WeightEditor } from './WeightEditor';

export interface BackendRowProps {
  api: LabApi;
  backend: BackendSnapshot;
  share: TrafficShare;
  history: RateHistory;
}

/** One port as a card: status, hits in large type, share vs expected, rate, counters, weight and actions. */
function BackendRowView({ api, backend, share, history }: BackendRowProps) {
  const { port, status } = backend;
  const titleId = `backend-${port}-title`;
  return (
    <article className={`backend-card backend-card--${status}`} data-testid={`backend-${port}`} aria-labelledby={titleId}>
      <header className="backend-card__head">
        <h3 id={titleId} className="backend-card__port">
          <span className="visually-hidden">Port </span>
          {port}
        </h3>
        <StatusBadge status={status} exit={backend.exit} error={backend.error} />
        {status === 'up' && !backend.inRotation && <span className="muted small">out of rotation</span>}
      </header>
      <p className="hits">
        <span data-testid="hits" className="hits__count">
          {backend.hits}
        </span>{' '}
        <span className="muted">hits</span>
      </p>
      <ShareVsExpected observed={share.observed} expected={share.expected} inRotation={share.inRotation} />
      <RpsSparkline port={port} history={history} />
      <BackendCounters rps={backend.rps} inFlight={backend.inFlight} failures={backend.failures} retries={backend.retries} />
      <WeightEditor api={api} port={port} weight={backend.weight} />
      <BackendActions api={api} port={port} status={status} />
      {status === 'failed' && backend.error && (
        <details className="failure">
          <summary>Why it failed</summary>
          <pre>{backend.error}</pre>
        </details>
      )}
    </article>
  );
}

const sameShare = (a: TrafficShare, b: TrafficShare): boolean =>
  a.observed === b.observed && a.expected === b.expected && a.inRotation === b.inRotation;

/** Re-renders only when something it shows changed (snapshots are new objects every 100 ms). */
export const BackendRow = memo(
  BackendRowView,
  (prev, next) => prev.api === next.api && prev.history === next.history && sameShare(prev.share, next.share) && sameBackendRow(prev.backend, next.backend),
);
