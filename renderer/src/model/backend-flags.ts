import type { BackendSnapshot } from '../../../electron/shared/types';
import { formatClock, formatSeconds } from './format';

/** One badge on a backend card: its kind (the colour class), its words, and the longer story as a title. */
export interface BackendFlag {
  kind: 'backup' | 'down' | 'drain' | 'failed' | 'health-passing' | 'health-failing' | 'health-unknown' | 'sticky';
  text: string;
  title: string;
}

type FlagFields = Pick<BackendSnapshot, 'backup' | 'down' | 'drain' | 'failed' | 'health' | 'stickyClients' | 'maxFails' | 'failTimeoutMs'>;

/** The badges a backend card shows, in a fixed order; none for a plain primary with checks off. */
export function backendFlags(b: FlagFields): BackendFlag[] {
  const flags: BackendFlag[] = [];
  if (b.backup) flags.push({ kind: 'backup', text: 'backup', title: 'Backup server: takes requests only while no primary can (nginx backup)' });
  if (b.down) flags.push({ kind: 'down', text: 'down (by hand)', title: 'Marked down by hand: no requests, the process keeps running (nginx down, HAProxy maint)' });
  if (b.drain) flags.push({ kind: 'drain', text: 'draining', title: 'Draining: no new requests; in-flight requests and sticky clients finish (HAProxy state drain)' });
  if (b.failed) {
    flags.push({
      kind: 'failed',
      text: 'temporarily disabled (max_fails)',
      title: `${b.maxFails} failed attempt(s) within fail_timeout: it sits out for ${formatSeconds(b.failTimeoutMs)}, then gets one probe request (nginx max_fails)`,
    });
  }
  if (b.health) {
    const { state, lastCheckAt, lastResult, streak } = b.health;
    const last = lastCheckAt === null ? 'no check yet' : `last check ${formatClock(lastCheckAt)}: ${lastResult ?? 'no result'}`;
    flags.push({ kind: `health-${state}`, text: `health ${state}`, title: `Active health check ${state}; ${last} (${streak} in a row)` });
  }
  if (b.stickyClients > 0) {
    const clients = b.stickyClients === 1 ? '1 sticky client' : `${b.stickyClients} sticky clients`;
    flags.push({ kind: 'sticky', text: clients, title: 'Browsers whose sticky cookie names this backend (seen recently)' });
  }
  return flags;
}
