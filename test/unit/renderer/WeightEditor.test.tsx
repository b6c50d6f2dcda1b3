// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { WeightEditor } from '../../../renderer/src/components/WeightEditor';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

async function applyWeight(text: string) {
  const api = createFakeLabApi();
  const user = userEvent.setup();
  render(<WeightEditor api={api} port={4001} weight={1} />);
  const input = screen.getByLabelText('Weight for port 4001');
  await user.clear(input);
  if (text !== '') await user.type(input, text);
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  return { api, input };
}

describe('WeightEditor', () => {
  it.each([
    ['257', /at most 256/],
    ['-1', /at least 0/],
    ['1.5', /whole number/],
    ['', /must be a number/],
  ])('refuses %j with a message and sends nothing', async (text, message) => {
    const { api, input } = await applyWeight(text);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
    expect(api.patchBackend).not.toHaveBeenCalled();
  });

  it('sends a valid weight as patchBackend(port, {weight})', async () => {
    const { api } = await applyWeight('5');
    expect(api.patchBackend).toHaveBeenCalledTimes(1);
    expect(api.patchBackend).toHaveBeenCalledWith(4001, { weight: 5 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('accepts 0 (no new requests) and 256 (the most)', async () => {
    for (const [text, weight] of [
      ['0', 0],
      ['256', 256],
    ] as const) {
      const { api } = await applyWeight(text);
      expect(api.patchBackend).toHaveBeenCalledWith(4001, { weight });
      cleanup();
    }
  });

  it('shows the lab’s refusal under the input', async () => {
    const api = createFakeLabApi();
    api.patchBackend.mockResolvedValueOnce({ ok: false, error: 'no backend on port 4001', field: 'port' });
    const user = userEvent.setup();
    render(<WeightEditor api={api} port={4001} weight={1} />);
    await user.type(screen.getByLabelText('Weight for port 4001'), '2');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByRole('alert')).textContent).toBe('no backend on port 4001');
  });

  it('shows the lab’s weight until someone edits it, and follows a new one', () => {
    const api = createFakeLabApi();
    const { rerender } = render(<WeightEditor api={api} port={4001} weight={4} />);
    expect((screen.getByLabelText('Weight for port 4001') as HTMLInputElement).value).toBe('4');
    rerender(<WeightEditor api={api} port={4001} weight={6} />);
    expect((screen.getByLabelText('Weight for port 4001') as HTMLInputElement).value).toBe('6');
  });
});
