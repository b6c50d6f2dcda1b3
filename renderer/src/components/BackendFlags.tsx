import { memo } from 'react';
import type { HealthState } from '../../../electron/shared/types';
import { backendFlags } from '../model/backend-flags';
import { sameData } from '../model/same-data';

export interface BackendFlagsProps {
  backup: boolean;
  down: boolean;
  drain: boolean;
  failed: boolean;
  health: HealthState | null;
  stickyClients: number;
  maxFails: number;
  failTimeoutMs: number;
}

/**
 * A port's server flags as small badges (backup, down, draining, disabled by max_fails, health, sticky clients); nothing when none apply.
 * Re-renders only when one of them changes (the health state is compared by value: each snapshot brings a new copy).
 */
export const BackendFlags = memo(function BackendFlags(props: BackendFlagsProps) {
  const flags = backendFlags(props);
  if (flags.length === 0) return null;
  return (
    <ul className="flags" aria-label="Server state">
      {flags.map((flag) => (
        <li key={flag.kind} className={`flag flag--${flag.kind}`} title={flag.title}>
          {flag.text}
        </li>
      ))}
    </ul>
  );
}, sameData);
