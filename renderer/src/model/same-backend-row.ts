import type { BackendSnapshot, HealthState } from '../../../electron/shared/types';

/** The slow-start ramp as the card shows it: whole percent, or null when not ramping. */
export function slowStartPercent(progress: number | null): number | null {
  return progress === null ? null : Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

const sameHealth = (a: HealthState | null, b: HealthState | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.state === b.state && a.lastCheckAt === b.lastCheckAt && a.lastResult === b.lastResult && a.streak === b.streak);

/**
 * Whether two snapshots of one backend look the same in its row: only the
 * fields the row shows. Snapshots arrive as new objects ten times a second,
 * so identity says nothing; this keeps idle rows from re-rendering. The
 * slow-start ramp counts in whole percent, as the card shows it.
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
    a.exit?.signal === b.exit?.signal &&
    a.backup === b.backup &&
    a.down === b.down &&
    a.drain === b.drain &&
    a.failed === b.failed &&
    a.maxFails === b.maxFails &&
    a.failTimeoutMs === b.failTimeoutMs &&
    a.maxConns === b.maxConns &&
    a.slowStartMs === b.slowStartMs &&
    slowStartPercent(a.slowStartProgress) === slowStartPercent(b.slowStartProgress) &&
    a.stickyClients === b.stickyClients &&
    a.faultWords === b.faultWords &&
    a.portHolder === b.portHolder &&
    a.outOfRotation === b.outOfRotation &&
    a.allowedActions.join() === b.allowedActions.join() &&
    sameHealth(a.health, b.health)
  );
}
