// @vitest-environment happy-dom
import { cleanup, render as renderBare, screen, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodTraits } from '../../../electron/shared/method-traits';
import type { Algorithm } from '../../../electron/shared/types';
import { AlgorithmPicker } from '../../../renderer/src/components/AlgorithmPicker';
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

describe('AlgorithmPicker', () => {
  it('explains the method in use with its nginx directive and HAProxy keyword', () => {
    render(<AlgorithmPicker api={createFakeLabApi()} settings={settings('least-conn')} />);
    const select = screen.getByLabelText('Balancing method') as HTMLSelectElement;
    expect(select.value).toBe('least-conn');
    expect(screen.getByText('least_conn;').tagName).toBe('CODE');
    expect(screen.getByText('balance leastconn').tagName).toBe('CODE');
  });

  it('offers all seven methods', () => {
    render(<AlgorithmPicker api={createFakeLabApi()} settings={settings('round-robin')} />);
    const options = [...(screen.getByLabelText('Balancing method') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['round-robin', 'weighted', 'least-conn', 'ip-hash', 'hash', 'random-two', 'least-time']);
  });

  it('sets only the chosen method (the lab keeps the other settings), and shows it at once', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    render(<AlgorithmPicker api={api} settings={settings('round-robin', { sticky: true })} />);
    await user.selectOptions(screen.getByLabelText('Balancing method'), 'weighted');
    expect(api.setBalancer).toHaveBeenCalledWith({ algorithm: 'weighted' });
    expect((screen.getByLabelText('Balancing method') as HTMLSelectElement).value).toBe('weighted');
    expect(screen.getByText('weight N')).toBeTruthy();
  });

  it('goes back to the lab’s method and says why when the change is refused', async () => {
    const api = createFakeLabApi();
    api.setBalancer.mockResolvedValueOnce({ ok: false, error: 'the lab is not reachable: offline' });
    const user = userEvent.setup();
    render(<AlgorithmPicker api={api} settings={settings('round-robin')} />);
    await user.selectOptions(screen.getByLabelText('Balancing method'), 'least-conn');
    expect((await screen.findByRole('alert')).textContent).toBe('the lab is not reachable: offline');
    expect((screen.getByLabelText('Balancing method') as HTMLSelectElement).value).toBe('round-robin');
  });

  it('shows the lab’s 409 for backups with ip-hash next to the picker', async () => {
    const api = createFakeLabApi();
    const refusal = 'backup servers cannot be used with ip-hash, hash or random-two (nginx forbids it)';
    api.setBalancer.mockResolvedValueOnce({ ok: false, error: refusal, field: 'algorithm', status: 409 });
    const user = userEvent.setup();
    render(<AlgorithmPicker api={api} settings={settings('round-robin')} />);
    await user.selectOptions(screen.getByLabelText('Balancing method'), 'ip-hash');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(refusal);
    expect(screen.getByLabelText('Balancing method').getAttribute('aria-describedby')).toContain(alert.id);
  });
});
