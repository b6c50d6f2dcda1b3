import type { BackendSnapshot, LabApi } from '../../../electron/shared/types';
import type { RateHistory } from '../model/rate-history';
import type { TrafficShare } from '../model/traffic-share';
import { BackendRow } from './BackendRow';
import { EmptyState } from './EmptyState';

export interface BackendListProps {
  api: LabApi;
  backends: readonly BackendSnapshot[];
  /** Same order as `backends`. */
  shares: readonly TrafficShare[];
  history: RateHistory;
}

/** A card per port, keyed by port; the empty state when there are none. */
export function BackendList({ api, backends, shares, history }: BackendListProps) {
  if (backends.length === 0) return <EmptyState />;
  return (
    <section className="backend-list" aria-label="Backends">
      {backends.map((backend, i) => (
        <BackendRow key={backend.port} api={api} backend={backend} share={shares[i]!} history={history} />
      ))}
    </section>
  );
}
