// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_COMPARE_PROGRESS, type CompareRun, type CompareStatus } from '../../../electron/shared/compare';
import { emptyLoadErrors, IDLE_LOAD } from '../../../electron/shared/load';
import { ComparePanel } from '../../../renderer/src/components/ComparePanel';
import { MethodsContext } from '../../../renderer/src/model/algorithm-info';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

const listed = await createFakeLabApi().methods();
const methods = listed.ok ? listed.value : [];

function run(label: string, algorithm: CompareRun['algorithm'], byBackend: Record<string, number>, p99: number): CompareRun {
  const requests = Object.values(byBackend).reduce((a, b) => a + b, 0);
  return { label, algorithm, load: { requests, durationS: 5, rps: requests / 5, latencyMs: { p50: 2, p90: 3, p99, p999: p99, max: p99 }, byBackend }, errors: emptyLoadErrors(), proxy: { requests, retries: 0, failures: 0, byBackend } };
}

const DONE: CompareStatus = {
  state: 'done',
  running: null,
  labels: { a: 'round-robin', b: 'least-conn' },
  reason: null,
  result: { load: { rate: 100, durationS: 5 }, a: run('round-robin', 'round-robin', { '4000': 167, '4001': 166, '4002': 167 }, 240), b: run('least-conn', 'least-conn', { '4000': 240, '4001': 20, '4002': 240 }, 12), verdict: 'round-robin sent 33% to the slow backend 4001, least-conn 4%; p99 240 ms vs 12 ms', startedAt: '2026-12-04T00:00:00.000Z' },
};

function setup(status: CompareStatus = { ...DONE, state: 'idle', result: null, labels: null }) {
  const api = createFakeLabApi();
  api.compareStatus.mockImplementation(async () => ({ ok: true, value: status }));
  const progress = { state: status.state, running: status.running, labels: status.labels, reason: status.reason };
  const view = render(
    <MethodsContext.Provider value={methods}>
      <ComparePanel api={api} compare={progress} load={IDLE_LOAD} />
    </MethodsContext.Provider>,
  );
  return { api, user: userEvent.setup(), ...view };
}

describe('ComparePanel', () => {
  it('sends the two picked methods and one fixed-rate profile', async () => {
    const { api, user } = setup();
    await user.selectOptions(screen.getByLabelText('Method A'), 'weighted');
    await user.selectOptions(screen.getByLabelText('Method B'), 'ip-hash');
    await user.clear(screen.getByLabelText('Rate (req/s)'));
    await user.type(screen.getByLabelText('Rate (req/s)'), '400');
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(api.startCompare).toHaveBeenCalledWith({ a: { balancer: { algorithm: 'weighted' } }, b: { balancer: { algorithm: 'ip-hash' } }, load: { rate: 400, durationS: 5 } });
  });

  it('refuses a rate above the cap next to the field, and sends nothing', async () => {
    const { api, user } = setup();
    await user.clear(screen.getByLabelText('Rate (req/s)'));
    await user.type(screen.getByLabelText('Rate (req/s)'), '9999999');
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(screen.getByText(/Rate \(req\/s\) must be at most/)).toBeTruthy();
    expect(api.startCompare).not.toHaveBeenCalled();
  });

  it('shows the lab’s refusal of a side next to that side’s picker', async () => {
    const { api, user } = setup();
    api.startCompare.mockImplementation(async () => ({ ok: false, error: 'ip-hash cannot have backups', field: 'b.balancer.algorithm' }));
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(await screen.findByText('ip-hash cannot have backups')).toBeTruthy();
  });

  it('shows both runs side by side under the verdict, with each backend’s share', async () => {
    setup(DONE);
    expect(await screen.findByText(DONE.result!.verdict)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Side by side' });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}\\b`) });
    expect(within(row('p99')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['240 ms', '12 ms']);
    expect(within(row('share 4001')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['33.2%', '4%']);
    expect(screen.getByRole('button', { name: 'Save result (JSON)' })).toBeTruthy();
  });

  it('while a comparison runs says which side is on and offers Stop', async () => {
    const { api, user } = setup({ ...IDLE_COMPARE_PROGRESS, state: 'running', running: 'b', labels: { a: 'round-robin', b: 'least-conn' }, result: null });
    expect(screen.getByRole('status').textContent).toBe('Running least-conn (2 of 2)…');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(api.stopCompare).toHaveBeenCalled());
  });
});
