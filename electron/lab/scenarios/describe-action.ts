import { describeFault } from '../../shared/fault';
import type { ScenarioAction } from './scenario-schema';

/** What an action does, in the words of a step's button ("stop 8000", "20 requests, keeping cookies"); ports are the lab's real ones. */
export function describeAction(action: ScenarioAction, portOf: (declared: number) => number): string {
  switch (action.kind) {
    case 'backend':
      return `${action.action} ${portOf(action.port)}`;
    case 'requests': {
      const extras = [action.session ? 'keeping cookies, as a browser' : null, action.clients ? `from ${action.clients} client addresses` : null, action.path ? `to ${action.path}` : null].filter(Boolean);
      return `${action.count} request(s) one after another${extras.length > 0 ? `, ${extras.join(', ')}` : ''}`;
    }
    case 'patch':
      return `set ${Object.entries(action.changes).map(([k, v]) => `${k} ${String(v)}`).join(', ')} on ${portOf(action.port)}`;
    case 'balancer':
      return `set ${Object.entries(action.balancer).map(([k, v]) => (k === 'algorithm' ? String(v) : `${k} ${String(v)}`)).join(', ')}`;
    case 'fault':
      return action.fault === null ? `clear the fault on ${portOf(action.port)}` : `fault on ${portOf(action.port)}: ${describeFault(action.fault)}`;
    case 'load': {
      const { load, midway } = action;
      const shape = load.mode === 'closed' ? `${load.connections ?? 10} connections as fast as they go` : `${load.rate ?? 100} req/s`;
      const span = [load.durationS !== undefined ? `for ${load.durationS} s` : null, load.requests !== undefined ? `up to ${load.requests} requests` : null].filter(Boolean).join(', ');
      return `hammer ${shape}${span ? ` ${span}` : ''}${midway ? `; halfway: ${describeAction(midway, portOf)}` : ''}`;
    }
    case 'compare':
      return `compare ${sideName(action.compare.a)} with ${sideName(action.compare.b)}`;
  }
}

function sideName(side: { label?: string | undefined; balancer?: { algorithm?: string | undefined } | undefined }): string {
  return side.label ?? side.balancer?.algorithm ?? 'the lab as it is';
}

/** How a backend was taken out by an action, for "took no requests after …". */
export function afterWhat(action: ScenarioAction | undefined): string {
  const act = action?.kind === 'load' ? action.midway : action;
  if (!act) return 'the step began';
  if (act.kind === 'backend') return act.action === 'kill' ? 'it was killed' : act.action === 'stop' ? 'it stopped' : `its ${act.action}`;
  if (act.kind === 'fault') return act.fault === null ? 'its fault was cleared' : 'its fault was set';
  if (act.kind === 'patch') return 'the change';
  return 'that';
}
