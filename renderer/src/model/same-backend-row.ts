import type { BackendSnapshot } from '../../../electron/shared/types';

/**
 * Whether two snapshots of one backend look the same in its row: only the
 * fields the row shows. Snapshots arrive as new objects ten times a second,
 * so identity says nothing; this keeps idle rows from re-rendering.
 */
export function sameBackendRow(a: BackendSnapshot, b: BackendSnapshot): boolean {
  return (
    a.port === b.port &&
    a.status === b.status &&
    a.inRotation === b.inRotation &&
    a.weight === b.weight &&
    a.hits === b.hits &&
    a.inFlight === b.inFlight &&
    a.failures === b.failures &&
    a.retries === b.retries &&
    a.rps === b.rps &&
    a.pid === b.pid &&
    a.error === b.error &&
    a.exit?.code === b.exit?.code &&
    a.exit?.signal === b.exit?.signal
  );
}
