// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultEditor } from '../../../renderer/src/components/FaultEditor';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

function renderEditor(fault: Parameters<typeof FaultEditor>[0]['fault'] = null, words: string | null = null) {
  const api = createFakeLabApi();
  render(<FaultEditor api={api} port={4001} fault={fault} words={words} />);
  return { api, user: userEvent.setup() };
}

describe('FaultEditor', () => {
  it('sends only the fields filled in, rates from percent, as setFault(port, fault)', async () => {
    const { api, user } = renderEditor();
    await user.click(screen.getByText(/^Fault/));
    await user.type(screen.getByLabelText('Latency (ms)'), '200');
    await user.type(screen.getByLabelText('± jitter (ms)'), '50');
    await user.type(screen.getByLabelText('Errors (%)'), '30');
    await user.type(screen.getByLabelText('with status'), '503');
    await user.click(screen.getByRole('button', { name: 'Set fault' }));
    expect(api.setFault).toHaveBeenCalledWith(4001, { latencyMs: 200, jitterMs: 50, errorRate: 0.3, errorStatus: 503 });
  });

  it.each([
    ['Errors (%)', '150', /Error rate/],
    ['Latency (ms)', '-5', /Added latency/],
    ['with status', '700', /Error status/],
  ])('refuses %s = %s with a message naming the field, and sends nothing', async (label, text, message) => {
    const { api, user } = renderEditor();
    await user.click(screen.getByText(/^Fault/));
    await user.type(screen.getByLabelText(label), text);
    await user.click(screen.getByRole('button', { name: 'Set fault' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(message);
    expect(api.setFault).not.toHaveBeenCalled();
  });

  it('shows the active fault in the lab\'s words and clears it with clearFault(port)', async () => {
    const { api, user } = renderEditor({ hang: true }, 'hung');
    expect(screen.getByText(/^Fault/).textContent).toContain('Fault: hung');
    await user.click(screen.getByText(/^Fault/));
    expect((screen.getByLabelText(/Hang/) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(api.clearFault).toHaveBeenCalledWith(4001);
  });
});
