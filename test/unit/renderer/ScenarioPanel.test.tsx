// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioList, ScenarioProgress, ScenarioStatus } from '../../../electron/shared/scenario';
import { ScenarioPanel } from '../../../renderer/src/components/ScenarioPanel';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

const LIST: ScenarioList = {
  scenarios: [
    { id: 'docker-django-4-6', title: 'Two servers at 4:6, then stop one', source: '`docker-compose up --scale api=2`', summary: 'Weighted 4:6, then one stops.', ports: [8001, 8002], steps: 2 },
    { id: 'login-session', title: 'The login problem', source: 'ip_hash', summary: 'Sessions.', ports: [4000, 4001, 4002], steps: 1 },
  ],
  problems: [],
};

const ACTIVE: ScenarioStatus = {
  state: 'active',
  scenario: LIST.scenarios[0]!,
  ports: { '8001': 8001, '8002': 8002 },
  current: 1,
  problems: [],
  steps: [
    { title: 'Ten visits at 4:6', text: 'Watch the rows.', by: 'lab', action: '10 request(s) one after another', state: 'failed', checks: [{ ok: false, words: '8001 answered 5 of 10 (expected 4)' }], error: null },
    { title: 'Stop 8001 yourself', text: 'Press `Stop` on its row.', by: 'you', action: 'stop 8001', state: 'waiting', checks: [], error: null },
  ],
};

const progress = (status: ScenarioStatus, version = 1): ScenarioProgress => ({ id: status.scenario?.id ?? null, current: status.current, state: status.steps[status.current]?.state ?? null, version });

function setup(status: ScenarioStatus | null, backends: number) {
  const api = createFakeLabApi();
  api.scenarios.mockImplementation(async () => ({ ok: true, value: LIST }));
  if (status) api.scenarioStatus.mockImplementation(async () => ({ ok: true, value: status }));
  for (const command of [api.loadScenario, api.scenarioDo, api.scenarioNext]) command.mockImplementation(async () => ({ ok: true, value: status ?? ACTIVE }));
  const view = render(<ScenarioPanel api={api} progress={progress(status ?? { ...ACTIVE, state: 'idle', scenario: null, steps: [] }, 0)} backends={backends} />);
  return { api, user: userEvent.setup(), ...view };
}

describe('ScenarioPanel', () => {
  it('lists the scenarios and asks before replacing a running lab; Cancel loads nothing', async () => {
    const { api, user } = setup(null, 3);
    await screen.findByRole('option', { name: 'The login problem' });
    expect(screen.getByText('Weighted 4:6, then one stops.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Load scenario' }));
    const question = screen.getByRole('alertdialog', { name: 'Replace the running lab?' });
    expect(question.textContent).toContain('replaces the 3 backend(s) running now');
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(api.loadScenario).not.toHaveBeenCalled();

    await user.selectOptions(screen.getByLabelText('Scenario'), 'login-session');
    expect(screen.getByLabelText('First port').getAttribute('placeholder')).toBe('4000');
    await user.type(screen.getByLabelText('First port'), '24000');
    await user.click(screen.getByRole('button', { name: 'Load scenario' }));
    await user.click(screen.getByRole('button', { name: 'Replace and load' }));
    expect(api.loadScenario).toHaveBeenCalledWith({ id: 'login-session', replace: true, basePort: 24000 });
  });

  it('loads at once over an empty lab', async () => {
    const { api, user } = setup(null, 0);
    await screen.findByRole('option', { name: 'The login problem' });
    await user.click(screen.getByRole('button', { name: 'Load scenario' }));
    expect(api.loadScenario).toHaveBeenCalledWith({ id: 'docker-django-4-6', replace: false });
    await screen.findByText('step 2 of 2');
  });

  it('shows the current step with its text, a person’s step as theirs with a way to have it done, and past checks in words', async () => {
    const { api, user } = setup(ACTIVE, 2);
    await screen.findByText('step 2 of 2');
    const current = screen.getByRole('listitem', { current: 'step' });
    expect(current.textContent).toContain('Stop 8001 yourself');
    expect(within(current).getByText('Stop').tagName).toBe('CODE');
    expect(current.textContent).toContain('Your turn: stop 8001 (the lab is watching for it)');
    expect(screen.getByRole('list', { name: 'Checks of Ten visits at 4:6' }).textContent).toContain('8001 answered 5 of 10 (expected 4)');
    await user.click(screen.getByRole('button', { name: 'Do it for me' }));
    expect(api.scenarioDo).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(api.scenarioNext).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Close scenario' }));
    expect(api.closeScenario).toHaveBeenCalled();
  });

  it('fetches the status again when the snapshot says it moved, and shows what the lab refused', async () => {
    const { api, rerender } = setup(ACTIVE, 2);
    await screen.findByText('step 2 of 2');
    const passed: ScenarioStatus = { ...ACTIVE, steps: [ACTIVE.steps[0]!, { ...ACTIVE.steps[1]!, state: 'passed', checks: [{ ok: true, words: '8001 is stopped' }] }] };
    api.scenarioStatus.mockImplementation(async () => ({ ok: true, value: passed }));
    api.scenarioNext.mockImplementation(async () => ({ ok: false, error: 'step 2 is still running: wait for it, or close the scenario', field: 'scenario', status: 409 }));
    rerender(<ScenarioPanel api={api} progress={progress(passed, 2)} backends={2} />);
    await waitFor(() => expect(screen.getByRole('list', { name: 'Checks of Stop 8001 yourself' }).textContent).toContain('8001 is stopped'));
    expect(screen.getByRole('button', { name: 'Do it again' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Finish' }));
    expect((await screen.findByRole('alert')).textContent).toContain('still running');
  });
});
