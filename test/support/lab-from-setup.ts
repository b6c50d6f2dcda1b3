import { labOptionsFromSetup, type LabSetup } from '../../electron/lab/setup';
import type { Lab } from '../../electron/lab/lab';
import { expectStatus, startLab } from './lab-fixture';

/**
 * Start a lab the way `lb-lab --setup` will: the plan's constructor options,
 * then its later backends and patches. Shut down by useLabs().
 */
export async function startLabFromSetup(setup: LabSetup): Promise<Lab> {
  const plan = labOptionsFromSetup(setup);
  const lab = await startLab(plan.options);
  for (const input of plan.addBackends) await lab.addBackends(input);
  await expectStatus(lab, () => lab.snapshot().backends.length === setup.backends.length && lab.snapshot().backends.every((b) => b.status === 'up'));
  for (const { port, patch } of plan.patches) await lab.patchBackend(port, patch);
  return lab;
}
