// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_LOAD, type LoadInput, type LoadProgress } from '../../../electron/shared/load';
import type { Result } from '../../../electron/shared/types';
import { HammerPanel } from '../../../renderer/src/components/HammerPanel';

afterEach(cleanup);

const OK: Result<null> = { ok: true, value: null };

function setup(status: LoadProgress = IDLE_LOAD, startResult: Result<unknown> = OK) {
  const onStart = vi.fn<(input: LoadInput) => Promise<Result<unknown>>>(async () => startResult);
  const onStop = vi.fn<() => Promise<Result<unknown>>>(async () => OK);
  const user = userEvent.setup();
  const view = render(<HammerPanel status={status} onStart={onStart} onStop={onStop} />);
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  const retype = async (label: string, text: string) => {
    await user.clear(field(label));
    if (text !== '') await user.type(field(label), text);
  };
  return { onStart, onStop, user, field, retype, ...view };
}

const running: LoadProgress = {
  ...IDLE_LOAD,
  state: 'running',
  sent: 400,
  answered: 398,
  rate: 199.5,
  errors: { refused: 0, timeout: 2, reset: 0, http5xx: 0, other: 0 },
  elapsedS: 2,
  plannedS: 10,
  plannedRequests: 2000,
};

const done: LoadProgress = {
  ...running,
  state: 'done',
  sent: 2000,
  answered: 2000,
  rate: 0,
  errors: { refused: 0, timeout: 0, reset: 0, http5xx: 3, other: 0 },
  elapsedS: 10.01,
  result: {
    requests: 2000,
    durationS: 10.01,
    rps: 199.8,
    latencyMs: { p50: 1.2, p90: 2.5, p99: 8.1, p999: 40.2, max: 212.7 },
    byBackend: { '4000': 1000, '4001': 500, '4002': 497 },
  },
};

describe('HammerPanel', () => {
  it('starts a fixed-rate run with what the form says, paths and weights included', async () => {
    const { onStart, user, retype } = setup();
    await retype('Rate (req/s)', '250');
    await retype('Duration (s)', '3');
    await retype('Connections', '16');
    await retype('Clients', '20');
    await retype('Paths', '/a 3, /b');
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart).toHaveBeenCalledWith({ mode: 'open', rate: 250, durationS: 3, connections: 16, clients: 20, paths: [{ path: '/a', weight: 3 }, '/b'] });
  });

  it('in closed-loop mode has no rate field and sends no rate', async () => {
    const { onStart, user } = setup();
    await user.click(screen.getByLabelText('As fast as it goes (closed loop)'));
    expect(screen.queryByLabelText('Rate (req/s)')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart.mock.calls[0]![0]).toMatchObject({ mode: 'closed' });
    expect(onStart.mock.calls[0]![0]).not.toHaveProperty('rate');
  });

  it('refuses a rate above the lab’s cap with a message at the field, and starts nothing', async () => {
    const { onStart, user, retype, field } = setup();
    await retype('Rate (req/s)', '999999');
    await user.click(screen.getByRole('button', { name: 'Start' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Rate (req/s) must be at most 20000.');
    expect(field('Rate (req/s)').getAttribute('aria-describedby')).toBe(alert.id);
    expect(onStart).not.toHaveBeenCalled();
  });

  it('refuses a path without a leading slash', async () => {
    const { onStart, user, retype } = setup();
    await retype('Paths', 'nope');
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/must start with \//);
    expect(onStart).not.toHaveBeenCalled();
  });

  it('shows the lab’s refusal next to the field it names', async () => {
    const { user } = setup(IDLE_LOAD, { ok: false, error: 'connections: Too big', field: 'connections' });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert')).textContent).toBe('connections: Too big');
    expect((screen.getByLabelText('Connections') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
  });

  it('while running shows a progress bar with the time left, the counts and errors, and Stop stops it', async () => {
    const { onStop, onStart, user } = setup(running);
    const bar = screen.getByRole('progressbar', { name: 'Hammer progress' }) as HTMLProgressElement;
    expect(bar.value).toBeCloseTo(0.2);
    expect(screen.getByText('8 s left')).toBeTruthy();
    expect(screen.getByText('sent 400, answered 398, 200 req/s')).toBeTruthy();
    expect(screen.getByText('timeout 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(onStart).not.toHaveBeenCalled();
  });

  it('after a run shows req/s, the latency percentiles, errors by kind and the per-backend split', () => {
    setup(done);
    const result = screen.getByRole('region', { name: 'Hammer result' });
    expect(result.textContent).toContain('200 req/s (2,000 answers in 10.01 s)');
    const latency = screen.getByLabelText('Latency (ms)');
    expect([...latency.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['p50', 'p90', 'p99', 'p99.9', 'max']);
    expect([...latency.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['1.2 ms', '2.5 ms', '8.1 ms', '40.2 ms', '212.7 ms']);
    expect(screen.getByText('5xx 3')).toBeTruthy();
    const rows = [...screen.getByRole('table', { name: 'Answers per backend' }).querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['4000' + '1,000' + '50%', '4001' + '500' + '25%', '4002' + '497' + '24.9%']);
    expect(screen.getByRole('button', { name: 'Start' })).toBeTruthy();
  });
});
