// @vitest-environment happy-dom
import { cleanup, render as renderBare, screen, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodTraits } from '../../../electron/shared/method-traits';
import type { Algorithm } from '../../../electron/shared/types';
import { BalancerOptions } from '../../../renderer/src/components/BalancerOptions';
import type { BalancerSettings } from '../../../renderer/src/model/balancer-settings';
import { MethodsContext } from '../../../renderer/src/model/algorithm-info';
import { createFakeLabApi } from './fake-lab-api';
import { registryTraits } from './registry-traits';

afterEach(cleanup);

let methods: readonly MethodTraits[] = [];
beforeAll(async () => {
  methods = await registryTraits();
});

/** Render with the lab's own method traits provided, as the dashboard gets them from the lab. */
const render = (ui: ReactElement, options?: RenderOptions) =>
  renderBare(ui, { ...options, wrapper: ({ children }) => <MethodsContext.Provider value={methods}>{children}</MethodsContext.Provider> });

const settings = (algorithm: Algorithm, rest: Partial<BalancerSettings> = {}): BalancerSettings => ({
  algorithm,
  hashKey: 'request-uri',
  trustForwardedFor: false,
  sticky: false,
  ...rest,
});

const TRUST = 'Trust X-Forwarded-For (one laptop plays many clients)';
const STICKY = 'Sticky sessions (cookie)';

function shown(s: BalancerSettings): string[] {
  render(<BalancerOptions api={createFakeLabApi()} settings={s} />);
  const names = [screen.queryByLabelText('Hash key') && 'hash key', screen.queryByLabelText(TRUST) && 'trust', screen.queryByLabelText(STICKY) && 'sticky'];
  cleanup();
  return names.filter((n): n is string => typeof n === 'string');
}

describe('BalancerOptions', () => {
  it('shows only the options that apply to the method', () => {
    expect(shown(settings('round-robin'))).toEqual(['sticky']);
    expect(shown(settings('least-conn'))).toEqual(['sticky']);
    expect(shown(settings('ip-hash'))).toEqual(['trust', 'sticky']);
    expect(shown(settings('hash'))).toEqual(['hash key', 'sticky']);
    expect(shown(settings('hash', { hashKey: 'client' }))).toEqual(['hash key', 'trust', 'sticky']);
  });

  it('sends only the chosen hash key (a partial update), and names its nginx form', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    render(<BalancerOptions api={api} settings={settings('hash', { sticky: true })} />);
    expect(screen.getByText('hash $request_uri consistent;').tagName).toBe('CODE');
    await user.selectOptions(screen.getByLabelText('Hash key'), 'path');
    expect(api.setBalancer).toHaveBeenCalledWith({ hashKey: 'path' });
    expect(screen.getByText('hash $uri consistent;')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Hash key'), 'client');
    expect(api.setBalancer).toHaveBeenLastCalledWith({ hashKey: 'client' });
    expect(screen.getByText('hash $remote_addr consistent;')).toBeTruthy();
  });

  it('turns trusting X-Forwarded-For on for ip-hash, naming set_real_ip_from and option forwardfor', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    render(<BalancerOptions api={api} settings={settings('ip-hash')} />);
    expect(screen.getByText('set_real_ip_from')).toBeTruthy();
    expect(screen.getByText('real_ip_header X-Forwarded-For;')).toBeTruthy();
    expect(screen.getByText('option forwardfor')).toBeTruthy();
    await user.click(screen.getByLabelText(TRUST));
    expect(api.setBalancer).toHaveBeenCalledWith({ trustForwardedFor: true });
    expect((screen.getByLabelText(TRUST) as HTMLInputElement).checked).toBe(true);
  });

  it('turns sticky cookies on and off, naming sticky cookie and cookie SRV insert', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    const { rerender } = render(<BalancerOptions api={api} settings={settings('round-robin')} />);
    expect(screen.getByText('sticky cookie srv_id;')).toBeTruthy();
    expect(screen.getByText('cookie SRV insert')).toBeTruthy();
    await user.click(screen.getByLabelText(STICKY));
    expect(api.setBalancer).toHaveBeenCalledWith({ sticky: true });
    rerender(<BalancerOptions api={api} settings={settings('round-robin', { sticky: true })} />);
    await user.click(screen.getByLabelText(STICKY));
    expect(api.setBalancer).toHaveBeenLastCalledWith({ sticky: false });
  });

  it('shows a refusal under the option and goes back to the lab’s value', async () => {
    const api = createFakeLabApi();
    api.setBalancer.mockResolvedValueOnce({ ok: false, error: 'the lab is not reachable: offline' });
    const user = userEvent.setup();
    render(<BalancerOptions api={api} settings={settings('round-robin')} />);
    await user.click(screen.getByLabelText(STICKY));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('the lab is not reachable: offline');
    expect(screen.getByLabelText(STICKY).getAttribute('aria-describedby')).toContain(alert.id);
    expect((screen.getByLabelText(STICKY) as HTMLInputElement).checked).toBe(false);
  });
});
