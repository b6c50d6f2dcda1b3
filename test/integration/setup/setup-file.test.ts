import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleBackendPath } from '../../../electron/lab/backends/sample-backend-path';
import { shellQuote } from '../../../electron/lab/backends/shell-quote';
import type { Lab } from '../../../electron/lab/lab';
import { readSetupFile, writeSetupFile } from '../../../electron/main/setup-file';
import type { Snapshot } from '../../../electron/shared/types';
import { startLab, useLabs } from '../../support/lab-fixture';
import { startLabFromSetup } from '../../support/lab-from-setup';

useLabs();
const BASE = 21500;
const PROXY = 21510;
const dir = mkdtempSync(join(tmpdir(), 'lb-lab-setup-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a snapshot says about the lab's configuration; live numbers (hits, pids, rates, health state) left out. */
function configuration(snapshot: Snapshot) {
  const { port, algorithm, hashKey, trustForwardedFor, sticky, health, connectTimeoutMs, readTimeoutMs, nextUpstream, nextUpstreamTries } = snapshot.proxy;
  return {
    proxy: { port, algorithm, hashKey, trustForwardedFor, sticky, health, connectTimeoutMs, readTimeoutMs, nextUpstream, nextUpstreamTries },
    backends: snapshot.backends.map(({ port, command, weight, backup, down, drain, maxFails, failTimeoutMs, maxConns, slowStartMs, fault }) => ({
      port,
      command,
      weight,
      backup,
      down,
      drain,
      maxFails,
      failTimeoutMs,
      maxConns,
      slowStartMs,
      fault,
    })),
  };
}

/** A lab changed by hand, command by command, in every part a setup holds. */
async function handMadeLab(): Promise<Lab> {
  const lab = await startLab({ backends: 3, basePort: BASE, proxyPort: PROXY, weights: [4, 6, 0] });
  // Its own command, cwd and env, after a gap in the ports.
  const command = `exec ${shellQuote(process.execPath)} ${shellQuote(sampleBackendPath())} {port}`;
  await lab.addBackends({ count: 2, basePort: BASE + 5, command, cwd: dir, env: { LAB_NOTE: 'from the setup file test' } });
  await lab.patchBackend(BASE, { maxFails: 3, failTimeoutMs: 30_000, maxConns: 20 });
  await lab.patchBackend(BASE + 1, { slowStartMs: 5000, drain: true });
  await lab.patchBackend(BASE + 5, { weight: 2, down: true });
  await lab.patchBackend(BASE + 6, { backup: true });
  await lab.setBalancer({ algorithm: 'weighted', hashKey: 'path', trustForwardedFor: true, sticky: true });
  await lab.setHealth({ enabled: true, path: '/health', intervalMs: 1000, rise: 2, fall: 3 });
  await lab.setProxy({ connectTimeoutMs: 500, readTimeoutMs: 3000, nextUpstream: ['error', 'timeout', 'http_503'], nextUpstreamTries: 2 });
  await lab.setFault(BASE + 2, { latencyMs: 100, jitterMs: 20 });
  return lab;
}

describe('lab setup files', () => {
  it('save -> load gives the same snapshot configuration: flags, commands, cwd, env, faults, health checks, timeouts and retries', async () => {
    const before = await handMadeLab();
    const saved = before.setup();
    const file = join(dir, 'lab.json');
    expect((await writeSetupFile(file, saved)).ok).toBe(true);
    const expected = configuration(before.snapshot());
    // The same ports: the first lab has to go before the second can start.
    await before.shutdown();

    const loaded = await readSetupFile(file);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value).toEqual(saved);
    const after = await startLabFromSetup(loaded.value);
    expect(configuration(after.snapshot())).toEqual(expected);
    // cwd and env are not in the snapshot: the setup the loaded lab is in carries them.
    expect(after.setup()).toEqual(saved);
    expect(saved.backends.find((b) => b.port === BASE + 5)).toMatchObject({ cwd: dir, env: { LAB_NOTE: 'from the setup file test' } });
  });
});
