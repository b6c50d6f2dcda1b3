import { useEffect, useState } from 'react';
import type { LabApi, Snapshot } from '../../electron/shared/types';

/** Minimal dashboard: the proxy URL and each port's hit count, live. */
export function App({ api }: { api: LabApi }) {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => api.onSnapshot(setSnapshot), [api]);
  if (!snapshot) return <p>Connecting to the lab…</p>;
  return (
    <main>
      <h1>Load Balancer Lab</h1>
      <p>
        Proxy: <a href={snapshot.proxy.url}>{snapshot.proxy.url}</a> ({snapshot.proxy.algorithm}), {snapshot.proxy.requests} requests
      </p>
      <ul>
        {snapshot.backends.map((b) => (
          <li key={b.port} data-testid={`backend-${b.port}`}>
            {b.port} {b.status}: <span data-testid="hits">{b.hits}</span> hits
          </li>
        ))}
      </ul>
    </main>
  );
}
