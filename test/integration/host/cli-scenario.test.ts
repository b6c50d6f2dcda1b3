import { describe, expect, it } from 'vitest';
import type { ScenarioStatus } from '../../../electron/shared/scenario';
import type { Snapshot } from '../../../electron/shared/types';
import { runCli, untilRunning, useCli } from '../../support/built-cli';
import { api } from '../../support/http-client';

useCli();
// Ports 26950-26999 belong to this file.
const BASE = 26950;
const PROXY = 26980;
const UI = 26990;
const CONTROL = `http://127.0.0.1:${UI}`;

describe('lb-lab --scenario', () => {
  it('starts with the scenario loaded, its backends moved to --base-port, and its first step ready', async () => {
    const run = runCli(['--scenario', 'docker-django-4-6', '--base-port', String(BASE), '--proxy-port', String(PROXY), '--ui-port', String(UI)]);
    await untilRunning(run);
    expect(run.output()).toContain(`scenario loaded: Two servers at 4:6, then stop one (backends on ${BASE}, ${BASE + 1})`);
    const snapshot = (await api(CONTROL, 'GET', '/api/snapshot')).json as Snapshot;
    expect(snapshot.backends.map((b) => [b.port, b.weight, b.status])).toEqual([
      [BASE, 4, 'up'],
      [BASE + 1, 6, 'up'],
    ]);
    const status = (await api(CONTROL, 'GET', '/api/scenario')).json as ScenarioStatus;
    expect(status).toMatchObject({ state: 'active', current: 0, ports: { '8001': BASE, '8002': BASE + 1 } });
    expect(status.steps[0]!.state).toBe('ready');
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
  });

  it('refuses a scenario that does not exist, naming the flag and the ones there are, and starts nothing', async () => {
    const run = runCli(['--scenario', 'no-such-story', '--base-port', String(BASE), '--proxy-port', String(PROXY), '--ui-port', String(UI)]);
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toMatch(/--scenario: no scenario named "no-such-story" \(there are: .*docker-django-4-6/);
  });
});
