// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendStatus, Result } from '../../../electron/shared/types';
import { BackendActions } from '../../../renderer/src/components/BackendActions';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

const NAMES = ['Start', 'Stop', 'Kill', 'Restart', 'Remove'] as const;

const enabledFor = (status: BackendStatus): string[] => {
  render(<BackendActions api={createFakeLabApi()} port={4000} status={status} />);
  const enabled = NAMES.filter((name) => !(screen.getByRole('button', { name }) as HTMLButtonElement).disabled);
  cleanup();
  return enabled;
};

describe('BackendActions', () => {
  it('enables only the buttons that make sense for each status', () => {
    expect(enabledFor('up')).toEqual(['Stop', 'Kill', 'Restart', 'Remove']);
    expect(enabledFor('starting')).toEqual(['Stop', 'Kill', 'Remove']);
    expect(enabledFor('stopping')).toEqual([]);
    expect(enabledFor('stopped')).toEqual(['Start', 'Restart', 'Remove']);
    expect(enabledFor('crashed')).toEqual(['Start', 'Restart', 'Remove']);
    expect(enabledFor('failed')).toEqual(['Start', 'Restart', 'Remove']);
  });

  it('names its buttons exactly Start, Stop, Kill, Restart, Remove', () => {
    render(<BackendActions api={createFakeLabApi()} port={4000} status="up" />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([...NAMES]);
  });

  it('sends the action for its port and removes through removeBackend', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    render(<BackendActions api={api} port={4002} status="up" />);
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
    render(<BackendActions api={api} port={4000} status="up" />);
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
    const { rerender } = render(<BackendActions api={api} port={4000} status="up" />);
    screen.getByRole('button', { name: 'Stop' }).focus();
    await user.keyboard('{Enter}');
    expect(api.backendAction).toHaveBeenCalledWith(4000, 'stop');
    rerender(<BackendActions api={api} port={4000} status="stopped" />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Start' }));
  });
});
