import type { Lab } from '../lab/lab';
import { applySetup } from '../lab/lab-setup';
import { readSetupFile } from './setup-file';

/** What File > Open Setup… did. */
export type OpenSetupOutcome =
  | { kind: 'refused'; error: string; field: string }
  | { kind: 'cancelled' }
  | { kind: 'applied'; ports: number[]; problems: string[] };

/** The backends of the lab whose processes run now (a stopped or crashed one has nothing to lose). */
export function runningPorts(lab: Pick<Lab, 'snapshot'>): number[] {
  return lab.snapshot().backends.filter((b) => b.status === 'starting' || b.status === 'up' || b.status === 'stopping').map((b) => b.port);
}

/**
 * Open the setup file `file` into a running lab. It is validated first: a
 * bad file is refused with its first wrong field named, and the lab is not
 * touched. Over running backends `confirmReplace(ports)` is asked and must
 * say yes. Then applySetup, the same path `lb-lab --setup` takes: the
 * lab's backends are replaced by the file's, with their flags and faults.
 * The proxy cannot move port while it runs, so a different one is a problem.
 */
export async function openSetup(lab: Lab, file: string, confirmReplace: (running: number[]) => Promise<boolean>): Promise<OpenSetupOutcome> {
  const parsed = await readSetupFile(file);
  if (!parsed.ok) return { kind: 'refused', error: parsed.error, field: parsed.field };
  const running = runningPorts(lab);
  if (running.length > 0 && !(await confirmReplace(running))) return { kind: 'cancelled' };
  const applied = await applySetup(lab, parsed.value);
  const proxyPort = lab.snapshot().proxy.port;
  const wanted = parsed.value.proxy.port;
  const moved = wanted === proxyPort ? [] : [`The proxy stays on port ${proxyPort} (the setup asks for ${wanted}): it cannot move while the app runs.`];
  return { kind: 'applied', ports: applied.ports, problems: [...moved, ...applied.problems] };
}
