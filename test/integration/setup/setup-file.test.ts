import { describe, expect, it } from 'vitest';
import { labOptionsFromSetup, parseSetupJson, setupFromSnapshot, type LabSetup } from '../../../electron/lab/setup';
import { useLabs } from '../../support/lab-fixture';
import { startLabFromSetup } from '../../support/lab-from-setup';

useLabs();

/** Every field setupFromSnapshot writes, so the comparison is field for field. */
function backend(port: number, changes: Partial<LabSetup['backends'][number]> = {}): LabSetup['backends'][number] {
  return { port, weight: 1, backup: false, down: false, drain: false, maxFails: 1, failTimeoutMs: 10_000, maxConns: 0, slowStartMs: 0, ...changes };
}

describe('lab setup files', () => {
  it('a lab started from a saved setup gives back the same setup (save -> load -> save)', async () => {
    const saved: LabSetup = {
      version: 1,
      proxy: { port: 21510, algorithm: 'weighted', hashKey: 'path', trustForwardedFor: true, sticky: true },
      health: { path: '/health', intervalMs: 1000, rise: 2, fall: 3 },
      backends: [
        backend(21500, { weight: 4, maxFails: 3, failTimeoutMs: 30_000, maxConns: 20 }),
        backend(21501, { weight: 6, slowStartMs: 5000, drain: true }),
        backend(21502, { weight: 0 }),
        // A gap in the ports: the Lab starts these with a second addBackends.
        backend(21505, { weight: 2, down: true }),
        backend(21506, { backup: true }),
      ],
    };
    const loaded = parseSetupJson(JSON.stringify(saved));
    expect(loaded.ok).toBe(true);
    const lab = await startLabFromSetup(saved);
    expect(setupFromSnapshot(lab.snapshot())).toEqual(saved);
  });

  it('plans a setup as constructor options, one addBackends per run of ports or command, and patches for the rest', () => {
    const plan = labOptionsFromSetup({
      version: 1,
      proxy: { port: 8080, algorithm: 'least-conn', connectTimeoutMs: 500, readTimeoutMs: 3000, nextUpstream: ['error'], nextUpstreamTries: 1 },
      backends: [
        { port: 4000, weight: 2, maxFails: 2 },
        { port: 4001, weight: 3 },
        { port: 4002, command: 'node app.js {port}', cwd: '/srv', weight: 5, fault: { latencyMs: 100 } },
      ],
    });
    expect(plan.options).toMatchObject({ proxyPort: 8080, algorithm: 'least-conn', backends: 2, basePort: 4000, weights: [2, 3], maxFails: 2, connectTimeoutMs: 500 });
    expect(plan.addBackends).toEqual([{ count: 1, basePort: 4002, command: 'node app.js {port}' }]);
    expect(plan.patches).toEqual([{ port: 4002, patch: { weight: 5 } }]);
    expect(plan.faults).toEqual([{ port: 4002, fault: { latencyMs: 100 } }]);
    expect(plan.proxy).toEqual({ readTimeoutMs: 3000, nextUpstream: ['error'], nextUpstreamTries: 1 });
    expect(plan.notApplied).toEqual([expect.stringContaining('4002 runs with the cwd and env of 4000')]);
  });
});
