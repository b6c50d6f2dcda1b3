import { describe, expect, it } from 'vitest';
import { readScenarios } from '../../../electron/lab/scenarios/scenario-files';
import type { Scenario, ScenarioAction } from '../../../electron/lab/scenarios/scenario-schema';
import type { Lab } from '../../../electron/lab/lab';
import { waitUntil } from '../../../electron/lab/wait-until';
import type { ScenarioStatus } from '../../../electron/shared/scenario';
import { startLab, useLabs } from '../../support/lab-fixture';

useLabs();

// Ports 24600-24699 belong to this file: each scenario's backends are moved to BASE + 10·i.
const BASE = 24600;
const PROXY = 24690;

const { scenarios } = await readScenarios();

/** What a person does for a step that is theirs: the same commands as the dashboard's buttons, or F5s through the proxy. */
async function actAsPerson(lab: Lab, action: ScenarioAction, portOf: (declared: number) => number): Promise<void> {
  switch (action.kind) {
    case 'backend':
      await lab.backendAction(portOf(action.port), action.action);
      return;
    case 'requests':
      for (let i = 0; i < action.count; i++) await fetch(lab.proxyUrl).then((r) => r.text());
      return;
    case 'balancer':
      await lab.setBalancer(action.balancer);
      return;
    case 'patch':
      await lab.patchBackend(portOf(action.port), action.changes);
      return;
    case 'fault':
      await (action.fault === null ? lab.clearFault(portOf(action.port)) : lab.setFault(portOf(action.port), action.fault));
      return;
    default:
      throw new Error(`a person does not do ${action.kind}`);
  }
}

async function stepEnds(lab: Lab, index: number): Promise<ScenarioStatus> {
  const ended = await waitUntil(() => ['passed', 'failed'].includes(lab.scenarioStatus().steps[index]!.state), 60_000);
  expect(ended, `step ${index + 1} never ended: ${JSON.stringify(lab.scenarioStatus().steps[index])}`).toBe(true);
  return lab.scenarioStatus();
}

describe('every bundled scenario, against real processes', () => {
  it.each(scenarios.map((scenario, i) => [scenario.id, scenario, i] as const))('%s loads, and each of its steps passes, done by the lab or by a person', async (_id, scenario: Scenario, i) => {
    const lab = await startLab({ backends: 0, proxyPort: PROXY + (i % 10) });
    const basePort = BASE + 10 * i;
    const loaded = await lab.loadScenario({ id: scenario.id, basePort });
    expect(loaded.problems).toEqual([]);
    const declared = scenario.setup.backends.map((b) => b.port);
    const first = Math.min(...declared);
    const portOf = (port: number): number => port - first + basePort;
    expect(loaded.ports).toEqual(Object.fromEntries(declared.map((p) => [String(p), portOf(p)])));
    expect(lab.snapshot().backends.map((b) => b.port).sort()).toEqual(declared.map(portOf).sort());
    expect(lab.snapshot().proxy.algorithm).toBe(scenario.setup.proxy.algorithm);
    // The texts name the lab's real ports, not the file's.
    for (const step of loaded.steps) expect(`${step.title} ${step.text}`).not.toMatch(/\{\d+\}/);

    for (const [index, step] of scenario.steps.entries()) {
      const view = lab.scenarioStatus().steps[index]!;
      if (step.by === 'you') {
        expect(view.state).toBe('waiting');
        await actAsPerson(lab, step.do!, portOf);
      } else {
        expect(view.state).toBe('ready');
        lab.scenarioDo();
        await lab.scenarioStepEnded();
      }
      const after = await stepEnds(lab, index);
      const done = after.steps[index]!;
      expect(done, `step ${index + 1} "${done.title}": ${done.checks.map((c) => `${c.ok ? 'ok' : 'FAILED'} ${c.words}`).join('; ')} ${done.error ?? ''}`).toMatchObject({ state: 'passed', error: null });
      expect(done.checks).toHaveLength(step.checks?.length ?? 0);
      lab.scenarioNext();
    }
    expect(lab.scenarioStatus().state).toBe('done');
    expect(lab.recentEvents().map((e) => e.message)).toContain(`scenario done: ${scenario.title}; ${scenario.steps.length} of ${scenario.steps.length} step(s) passed`);
  }, 120_000);
});
