import type { BackendSnapshot } from '../shared/types';

type ReasonFields = Pick<BackendSnapshot, 'status' | 'inRotation' | 'weight' | 'backup' | 'down' | 'drain' | 'failed' | 'maxFails' | 'health'>;

/** Why a backend takes no new requests, in the words the dashboard shows; null while it could. */
export function outOfRotation(b: ReasonFields, stopping: boolean): string | null {
  if (b.inRotation) return null;
  if (stopping) return 'stopping: out of rotation while in-flight requests finish';
  if (b.status !== 'up') return b.status === 'failed' ? 'failed to start' : `process ${b.status}`;
  if (b.down) return 'marked down by hand (nginx down)';
  if (b.health?.state === 'failing') return 'failing its health checks';
  if (b.failed) return `failed ${b.maxFails} time(s): sits out until fail_timeout passes (nginx max_fails)`;
  if (b.drain) return 'draining: no new requests, in-flight and sticky clients finish';
  if (b.weight === 0) return 'weight 0: no new requests';
  if (b.backup) return 'backup: standing by while a primary is up';
  return 'not taking requests';
}
