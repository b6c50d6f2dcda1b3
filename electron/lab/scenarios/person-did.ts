import type { Snapshot } from '../../shared/types';
import type { ScenarioAction } from './scenario-schema';

/**
 * Whether the person has done `action` themselves, judged from the lab's
 * state now against its state when the step began: the backend's status,
 * the proxy's request count, the method, a backend's settings or fault.
 */
export function personDid(action: ScenarioAction, before: Snapshot, now: Snapshot, portOf: (declared: number) => number): boolean {
  const backend = (snapshot: Snapshot, port: number) => snapshot.backends.find((b) => b.port === portOf(port));
  switch (action.kind) {
    case 'backend': {
      const was = backend(before, action.port);
      const is = backend(now, action.port);
      if (!is) return false;
      if (action.action === 'stop' || action.action === 'kill') return is.status === 'stopped' || is.status === 'crashed' || is.status === 'failed';
      if (action.action === 'start') return is.status === 'up' && was?.status !== 'up';
      return is.status === 'up' && is.pid !== was?.pid;
    }
    case 'requests':
      return now.proxy.requests - before.proxy.requests >= action.count;
    case 'balancer':
      return Object.entries(action.balancer).every(([key, value]) => now.proxy[key as keyof typeof action.balancer] === value);
    case 'patch': {
      const is = backend(now, action.port);
      return is !== undefined && Object.entries(action.changes).every(([key, value]) => is[key as keyof typeof action.changes] === value);
    }
    case 'fault': {
      const is = backend(now, action.port);
      return is !== undefined && sorted(is.fault) === sorted(action.fault);
    }
    default:
      return false;
  }
}

/** A fault's fields in one order, so the same fault set from a row or a file compares equal. */
function sorted(fault: object | null): string {
  return fault === null ? 'null' : JSON.stringify(Object.entries(fault).sort(([a], [b]) => a.localeCompare(b)));
}
