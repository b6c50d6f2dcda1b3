import { afterEach } from 'vitest';
import { Lab, type LabOptions } from '../../electron/lab/lab';
import { waitUntil } from '../../electron/lab/wait-until';
import type { BackendStatus } from '../../electron/shared/types';

const started: Lab[] = [];

/** Register the teardown once per test file: every lab a test started is shut down, even when it failed. */
export function useLabs(): void {
  afterEach(async () => {
    await Promise.all(started.splice(0).map((lab) => lab.shutdown()));
  });
}

/** Start a lab on test ports and wait until its backends are up. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const lab = new Lab(options);
  started.push(lab);
  await lab.start();
  const count = options.backends ?? options.weights?.length ?? 3;
  await expectStatus(lab, () => lab.snapshot().backends.length === count && lab.snapshot().backends.every((b) => b.status === 'up'));
  return lab;
}

/** Wait (bounded) until `done` holds for the lab; fail with the last snapshot otherwise. */
export async function expectStatus(lab: Lab, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  if (!(await waitUntil(done, timeoutMs))) throw new Error(`condition not met; snapshot: ${JSON.stringify(lab.snapshot().backends.map((b) => [b.port, b.status]))}`);
}

export function statusOf(lab: Lab, port: number): BackendStatus | undefined {
  return lab.snapshot().backends.find((b) => b.port === port)?.status;
}
