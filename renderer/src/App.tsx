import { useMemo, useRef } from 'react';
import type { LabApi } from '../../electron/shared/types';
import { BackendList } from './components/BackendList';
import { ConnectingState } from './components/ConnectingState';
import { DistributionView } from './components/DistributionView';
import { EventLog } from './components/EventLog';
import { ComparePanel } from './components/ComparePanel';
import { HammerPanel } from './components/HammerPanel';
import { HealthCheckPanel } from './components/HealthCheckPanel';
import { ProxySettingsPanel } from './components/ProxySettingsPanel';
import { ScenarioPanel } from './components/ScenarioPanel';
import { SetupPanel } from './components/SetupPanel';
import { LabHeader } from './components/LabHeader';
import { SessionsNote } from './components/SessionsNote';
import { SpawnForm } from './components/SpawnForm';
import { StaleNotice } from './components/StaleNotice';
import { TimeCharts } from './components/TimeCharts';
import { useEventLog } from './hooks/use-event-log';
import { useLatestSnapshot } from './hooks/use-latest-snapshot';
import { useMethodList } from './hooks/use-method-traits';
import { MethodsContext } from './model/algorithm-info';
import { RateHistory } from './model/rate-history';
import { computeTrafficShares } from './model/traffic-share';

/**
 * The dashboard. Holds only the latest snapshot and the event log in state;
 * the sparklines' history lives in a RateHistory outside React. Every part
 * below is memoised on what it shows, so a snapshot that changes one port's
 * numbers re-renders that port's card and the totals, nothing else.
 */
export function App({ api }: { api: LabApi }) {
  const historyRef = useRef<RateHistory | null>(null);
  historyRef.current ??= new RateHistory();
  const history = historyRef.current;
  const record = useMemo(() => history.record.bind(history), [history]);
  const { snapshot, receivedAt } = useLatestSnapshot(api, record);
  const lines = useEventLog(api);
  const methods = useMethodList(api);
  const shares = useMemo(() => (snapshot ? computeTrafficShares(snapshot.backends) : []), [snapshot]);

  if (!snapshot) return <ConnectingState api={api} />;
  const { proxy, backends } = snapshot;
  const nextPort = backends.length > 0 ? Math.max(...backends.map((b) => b.port)) + 1 : null;
  return (
    <MethodsContext.Provider value={methods}>
    <div className="app">
      <LabHeader
        api={api}
        url={proxy.url}
        algorithm={proxy.algorithm}
        hashKey={proxy.hashKey}
        trustForwardedFor={proxy.trustForwardedFor}
        sticky={proxy.sticky}
        requests={proxy.requests}
        rps={proxy.rps}
        errors={proxy.errors}
      />
      <StaleNotice receivedAt={receivedAt} />
      <div className="layout">
        <main className="layout__main">
          <ScenarioPanel api={api} progress={proxy.scenario} backends={backends.length} />
          <SpawnForm api={api} nextPort={nextPort} />
          <HammerPanel status={proxy.load} onStart={api.startLoad} onStop={api.stopLoad} />
          <ComparePanel api={api} compare={proxy.compare} load={proxy.load} />
          <HealthCheckPanel api={api} {...proxy.health} />
          <ProxySettingsPanel api={api} connectTimeoutMs={proxy.connectTimeoutMs} readTimeoutMs={proxy.readTimeoutMs} nextUpstream={proxy.nextUpstream} nextUpstreamTries={proxy.nextUpstreamTries} />
          <BackendList api={api} backends={backends} shares={shares} history={history} />
          <TimeCharts api={api} />
          <SessionsNote url={proxy.url} />
          <SetupPanel api={api} />
        </main>
        <aside className="layout__side">
          <DistributionView shares={shares} />
          <EventLog lines={lines} />
        </aside>
      </div>
    </div>
    </MethodsContext.Provider>
  );
}
