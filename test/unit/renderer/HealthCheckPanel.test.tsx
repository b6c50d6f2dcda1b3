// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthCheckSettings } from '../../../electron/shared/types';
import { HealthCheckPanel } from '../../../renderer/src/components/HealthCheckPanel';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

const OFF: HealthCheckSettings = { enabled: false, path: '/health', intervalMs: 2000, rise: 2, fall: 3 };

function setup(settings: Partial<HealthCheckSettings> = {}) {
  const api = createFakeLabApi();
  const user = userEvent.setup();
  const view = render(<HealthCheckPanel api={api} {...OFF} {...settings} />);
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  const retype = async (label: string, text: string) => {
    await user.clear(field(label));
    if (text !== '') await user.type(field(label), text);
  };
  const applyButton = () => screen.getByRole('button', { name: 'Apply' });
  return { api, user, field, retype, applyButton, ...view };
}

describe('HealthCheckPanel', () => {
  it('shows the HAProxy lines for the lab’s settings', () => {
    setup();
    expect(screen.getByText('option httpchk GET /health').tagName).toBe('CODE');
    expect(screen.getByText('server … check inter 2s rise 2 fall 3').tagName).toBe('CODE');
    expect(screen.getByText('health_check uri=/health interval=2s passes=2 fails=3;')).toBeTruthy();
  });

  it('says in its summary whether checks are on', () => {
    setup({ enabled: true });
    expect(screen.getByText('on: GET /health every 2 s, rise 2, fall 3')).toBeTruthy();
    cleanup();
    setup();
    expect(screen.getByText(/^off/)).toBeTruthy();
  });

  it('refuses an interval of 50 ms with a message and sends nothing', async () => {
    const { api, user, retype, field, applyButton } = setup();
    await retype('Interval (ms)', '50');
    await user.click(applyButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Interval (ms) must be at least 100.');
    expect(field('Interval (ms)').getAttribute('aria-invalid')).toBe('true');
    expect(field('Interval (ms)').getAttribute('aria-describedby')).toBe(alert.id);
    expect(api.setHealth).not.toHaveBeenCalled();
  });

  it('refuses a path without a leading slash', async () => {
    const { api, user, retype, applyButton } = setup();
    await retype('Path', 'health');
    await user.click(applyButton());
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Path must start with \//);
    expect(api.setHealth).not.toHaveBeenCalled();
  });

  it('turns checks on with the chosen path, interval, rise and fall, and follows them in the HAProxy line', async () => {
    const { api, user, retype, applyButton } = setup();
    await user.click(screen.getByLabelText('Check backends'));
    await retype('Path', '/healthz');
    await retype('Interval (ms)', '1500');
    await retype('Rise', '1');
    await retype('Fall', '2');
    expect(screen.getByText('server … check inter 1500ms rise 1 fall 2')).toBeTruthy();
    await user.click(applyButton());
    expect(api.setHealth).toHaveBeenCalledTimes(1);
    expect(api.setHealth).toHaveBeenCalledWith({ enabled: true, path: '/healthz', intervalMs: 1500, rise: 1, fall: 2 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the lab’s refusal next to the field it names', async () => {
    const { api, user, retype, field, applyButton } = setup();
    api.setHealth.mockResolvedValueOnce({ ok: false, error: 'fall: Too big', field: 'fall', status: 400 });
    await retype('Fall', '9');
    await user.click(applyButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('fall: Too big');
    expect(field('Fall').getAttribute('aria-describedby')).toBe(alert.id);
  });
});
