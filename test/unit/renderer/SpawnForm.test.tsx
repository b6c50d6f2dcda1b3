// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SpawnForm } from '../../../renderer/src/components/SpawnForm';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

function setup(nextPort: number | null = 4003) {
  const api = createFakeLabApi();
  const user = userEvent.setup();
  render(<SpawnForm api={api} nextPort={nextPort} />);
  const count = screen.getByLabelText(/How many/);
  const submit = () => user.click(screen.getByRole('button', { name: 'Start backends' }));
  return { api, user, count, submit };
}

describe('SpawnForm', () => {
  it('starts three sample backends by default, on the next free ports', async () => {
    const { api, submit } = setup();
    expect(screen.getByLabelText(/Base port/).getAttribute('placeholder')).toBe('4003');
    await submit();
    expect(api.addBackends).toHaveBeenCalledWith({ count: 3, sample: true });
    expect((await screen.findByRole('status')).textContent).toBe('Started 4000, 4001, 4002.');
  });

  it('refuses 17 backends next to the count and sends nothing', async () => {
    const { api, user, count, submit } = setup();
    await user.clear(count);
    await user.type(count, '17');
    await submit();
    expect((await screen.findByRole('alert')).textContent).toBe('How many must be at most 16.');
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(api.addBackends).not.toHaveBeenCalled();
  });

  it('refuses a custom command without {port}', async () => {
    const { api, user, submit } = setup();
    await user.click(screen.getByLabelText(/Custom/, { selector: 'input[type=radio]' }));
    await user.type(screen.getByLabelText('Custom command (use {port})'), 'python3 -m http.server 9000');
    await submit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/must contain \{port\}/);
    expect(api.addBackends).not.toHaveBeenCalled();
  });

  it('sends a custom command and a base port', async () => {
    const { api, user, count, submit } = setup();
    await user.clear(count);
    await user.type(count, '2');
    await user.click(screen.getByLabelText(/Custom/, { selector: 'input[type=radio]' }));
    await user.type(screen.getByLabelText('Custom command (use {port})'), 'python3 -m http.server {{port}');
    await user.type(screen.getByLabelText(/Base port/), '5000');
    await submit();
    expect(api.addBackends).toHaveBeenCalledWith({ count: 2, command: 'python3 -m http.server {port}', basePort: 5000 });
  });

  it('shows the lab’s refusal next to the field it names', async () => {
    const { api, user, submit } = setup();
    api.addBackends.mockResolvedValueOnce({ ok: false, error: 'basePort: port 80 needs root', field: 'basePort' });
    await user.type(screen.getByLabelText(/Base port/), '80');
    await submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('basePort: port 80 needs root');
    expect(screen.getByLabelText(/Base port/).getAttribute('aria-describedby')).toBe(alert.id);
  });
});
