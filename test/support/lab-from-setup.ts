import type { LabSetup } from '../../electron/lab/setup';
import type { Lab } from '../../electron/lab/lab';
import { applySetup } from '../../electron/lab/lab-setup';
import { expectStatus, startLab } from './lab-fixture';

/**
 * Start a lab the way `lb-lab --setup` and the desktop app do: a lab with
 * no backends on the setup's proxy port, then applySetup (backends with
 * their flags, faults, method, routing, health checks, timeouts). Fails
 * when applying it reported a problem; waits until every backend is up.
 * Shut down by useLabs().
 */
export async function startLabFromSetup(setup: LabSetup): Promise<Lab> {
  const lab = await startLab({ backends: 0, proxyPort: setup.proxy.port });
  const { problems } = await applySetup(lab, setup);
  if (problems.length > 0) throw new Error(`the setup was not applied as it is: ${problems.join('; ')}`);
  await expectStatus(lab, () => lab.snapshot().backends.length === setup.backends.length && lab.snapshot().backends.every((b) => b.status === 'up'));
  return lab;
}
