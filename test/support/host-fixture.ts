import { afterEach } from 'vitest';
import { Host } from '../../electron/host/host';
import { waitUntil } from '../../electron/lab/wait-until';
import { TEST_TOKEN } from './test-token';

let running: Host | null = null;

/** Register the teardown once per test file: the host a test started is shut down, even when it failed. */
export function useHost(): void {
  afterEach(async () => {
    await running?.shutdown();
    running = null;
  });
}

/**
 * An in-process headless host with 2 sample backends from `basePort`, its
 * proxy on basePort+80 and TEST_TOKEN as its token; waits until both are up.
 */
export async function startHost(basePort: number, uiPort: number, rendererRoot = '/nonexistent'): Promise<Host> {
  running = new Host({ backends: 2, basePort, proxyPort: basePort + 80, uiPort, rendererRoot, token: TEST_TOKEN });
  await running.start();
  const { lab } = running;
  await waitUntil(() => lab.snapshot().backends.every((b) => b.status === 'up'), 15_000);
  return running;
}
