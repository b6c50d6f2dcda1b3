import { memo } from 'react';
import type { BackendSnapshot, LabApi } from '../../../electron/shared/types';
import type { RateHistory } from '../model/rate-history';
import { sameBackendRow } from '../model/same-backend-row';
import { sameTrafficShare, type TrafficShare } from '../model/traffic-share';
import { BackendActions } from './BackendActions';
import { BackendCounters } from './BackendCounters';
import { BackendFlags } from './BackendFlags';
import { BackendTerminal } from './BackendTerminal';
import { FaultEditor } from './FaultEditor';
import { RpsSparkline } from './RpsSparkline';
import { ServerOptions } from './ServerOptions';
import { ShareVsExpected } from './ShareVsExpected';
import { SlowStartBar } from './SlowStartBar';
import { StatusBadge } from './StatusBadge';
import { WeightEditor } from './WeightEditor';

export interface BackendRowProps {
  api: LabApi;
  backend: BackendSnapshot;
  share: TrafficShare;
  history: RateHistory;
}

/**
 * One port as a card: status and server flags, hits in large type, share vs
 * expected, slow-start ramp, rate, counters, weight, actions and the folded
 * server options.
 */
function BackendRowView({ api, backend, share, history }: BackendRowProps) {
  const { port, status } = backend;
  const titleId = `backend-${port}-title`;
  // A flag already says why (down, draining, max_fails, failing check); otherwise the lab's own words.
  const explained = backend.down || backend.drain || backend.failed || backend.health?.state === 'failing';
  return (
    <article className={`backend-card backend-card--${status}`} data-testid={`backend-${port}`} aria-labelledby={titleId}>
      <header className="backend-card__head">
        <h3 id={titleId} className="backend-card__port">
          <span className="visually-hidden">Port </span>
          {port}
        </h3>
        <StatusBadge status={status} exit={backend.exit} error={backend.error} />
        {status === 'up' && !share.inRotation && !explained && <span className="muted small">{backend.outOfRotation ?? 'out of rotation'}</span>}
        {backend.faultWords && (
          <span className="fault-badge" data-testid="fault" title="A fault the lab injects on its leg to this backend">
            {backend.faultWords}
          </span>
        )}
      </header>
      <div className="backend-card__state">
        <BackendFlags
          backup={backend.backup}
          down={backend.down}
          drain={backend.drain}
          failed={backend.failed}
          health={backend.health}
          stickyClients={backend.stickyClients}
          maxFails={backend.maxFails}
          failTimeoutMs={backend.failTimeoutMs}
        />
        <SlowStartBar progress={backend.slowStartProgress} slowStartMs={backend.slowStartMs} />
      </div>
      <p className="hits">
        <span data-testid="hits" className="hits__count">
          {backend.hits}
        </span>{' '}
        <span className="muted">hits</span>
      </p>
      <ShareVsExpected observed={share.observed} expected={share.expected} inRotation={share.inRotation} standby={share.standby} />
      <RpsSparkline port={port} history={history} />
      <BackendCounters rps={backend.rps} inFlight={backend.inFlight} failures={backend.failures} retries={backend.retries} />
      <WeightEditor api={api} port={port} weight={backend.weight} />
      <BackendActions api={api} port={port} allowed={backend.allowedActions} />
      {backend.portHolder && (
        <p className="field-error" role="status">
          Port held by another program: {backend.portHolder}
        </p>
      )}
      <BackendTerminal api={api} port={port} />
      <FaultEditor api={api} port={port} fault={backend.fault} words={backend.faultWords} />
      {status === 'failed' && backend.error && (
        <details className="failure">
          <summary>Why it failed</summary>
          <pre>{backend.error}</pre>
        </details>
      )}
      <ServerOptions
        api={api}
        port={port}
        backup={backend.backup}
        down={backend.down}
        drain={backend.drain}
        maxFails={backend.maxFails}
        failTimeoutMs={backend.failTimeoutMs}
        maxConns={backend.maxConns}
        slowStartMs={backend.slowStartMs}
      />
    </article>
  );
}

/** Re-renders only when something it shows changed (snapshots are new objects every 100 ms). */
export const BackendRow = memo(
  BackendRowView,
  (prev, next) => prev.api === next.api && prev.history === next.history && sameTrafficShare(prev.share, next.share) && sameBackendRow(prev.backend, next.backend),
);
