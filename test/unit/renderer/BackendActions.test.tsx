// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedActions } from '../../../electron/lab/backend-rules';
import { BACKEND_STATUSES, type BackendStatus, type Result } from '../../../electron/shared/types';
import { BackendActions } from '../../../renderer/src/components/BackendActions';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

const NAMES = ['Start', 'Stop', 'Kill', 'Restart', 'Remove'] as const;

const enabledFor = (status: BackendStatus): string[] => {
  render(<BackendActions api={createFakeLabApi()} port={4000} allowed={allowedActions(status)} />);
  const enabled = NAMES.filter((name) => !(screen.getByRole('button', { name }) as HTMLButtonElement).disabled);
  cleanup();
  return enabled;
};

describe('BackendActions', () => {
  it('enables exactly the buttons of the actions the lab allows, for every status', () => {
    for (const status of BACKEND_STATUSES) {
      const allowed = allowedActions(status).map((action) => action[0]!.toUpperCase() + action.slice(1));
      expect(enabledFor(status), status).toEqual(NAMES.filter((name) => allowed.includes(name)));
    }
  });

  it('shows the lab\'s rules: restart while starting, nothing but remove while stopping', () => {
    expect(enabledFor('up')).toEqual(['Stop', 'Kill', 'Restart', 'Remove']);
    expect(enabledFor('starting')).toEqual(['Stop', 'Kill', 'Restart', 'Remove']);
    expect(enabledFor('stopping')).toEqual(['Remove']);
    expect(enabledFor('stopped')).toEqual(['Start', 'Restart', 'Remove']);
    expect(enabledFor('crashed')).toEqual(['Start', 'Restart', 'Remove']);
    expect(enabledFor('failed')).toEqual(['Start', 'Restart', 'Remove']);
  });

  it('names its buttons exactly Start, Stop, Kill, Restart, Remove', () => {
    render(<BackendActions api={createFakeLabApi()} port={4000} allowed={allowedActions('up')} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([...NAMES]);
  });

  it('sends the action for its port and removes through removeBackend', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    render(<BackendActions api={api} port={4002} allowed={allowedActions('up')} />);
    await user.click(screen.getByRole('button', { name: 'Kill' }));
    expect(api.backendAction).toHaveBeenCalledWith(4002, 'kill');
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(api.removeBackend).toHaveBeenCalledWith(4002);
  });

  it('disables every button while an action is in flight, then shows its error', async () => {
    const api = createFakeLabApi();
    let finish!: (r: Result<null>) => void;
    api.backendAction.mockReturnValueOnce(new Promise<Result<null>>((resolve) => (finish = resolve)));
    const user = userEvent.setup();
    render(<BackendActions api={api} port={4000} allowed={allowedActions('up')} />);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(NAMES.every((name) => (screen.getByRole('button', { name }) as HTMLButtonElement).disabled)).toBe(true);
    finish({ ok: false, error: '4000 is not running (stopped)', field: 'action', status: 409 });
    expect((await screen.findByRole('alert')).textContent).toBe('4000 is not running (stopped)');
    expect((screen.getByRole('button', { name: 'Kill' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('BackendActions focus', () => {
  it('keeps keyboard focus in the row when the pressed button becomes disabled', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    const { rerender } = render(<BackendActions api={api} port={4000} allowed={allowedActions('up')} />);
    screen.getByRole('button', { name: 'Stop' }).focus();
    await user.keyboard('{Enter}');
    expect(api.backendAction).toHaveBeenCalledWith(4000, 'stop');
    rerender(<BackendActions api={api} port={4000} allowed={allowedActions('stopped')} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Start' }));
  });
});
