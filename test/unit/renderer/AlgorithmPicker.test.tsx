// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AlgorithmPicker } from '../../../renderer/src/components/AlgorithmPicker';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

describe('AlgorithmPicker', () => {
  it('explains the method in use with its nginx directive and HAProxy keyword', () => {
    render(<AlgorithmPicker api={createFakeLabApi()} algorithm="least-conn" />);
    const select = screen.getByLabelText('Balancing method') as HTMLSelectElement;
    expect(select.value).toBe('least-conn');
    expect(screen.getByText('least_conn;').tagName).toBe('CODE');
    expect(screen.getByText('balance leastconn').tagName).toBe('CODE');
  });

  it('sets the chosen method and shows it at once', async () => {
    const api = createFakeLabApi();
    const user = userEvent.setup();
    render(<AlgorithmPicker api={api} algorithm="round-robin" />);
    await user.selectOptions(screen.getByLabelText('Balancing method'), 'weighted');
    expect(api.setBalancer).toHaveBeenCalledWith({ algorithm: 'weighted' });
    expect((screen.getByLabelText('Balancing method') as HTMLSelectElement).value).toBe('weighted');
    expect(screen.getByText('weight N')).toBeTruthy();
  });

  it('goes back to the lab’s method and says why when the change is refused', async () => {
    const api = createFakeLabApi();
    api.setBalancer.mockResolvedValueOnce({ ok: false, error: 'the lab is not reachable: offline' });
    const user = userEvent.setup();
    render(<AlgorithmPicker api={api} algorithm="round-robin" />);
    await user.selectOptions(screen.getByLabelText('Balancing method'), 'least-conn');
    expect((await screen.findByRole('alert')).textContent).toBe('the lab is not reachable: offline');
    expect((screen.getByLabelText('Balancing method') as HTMLSelectElement).value).toBe('round-robin');
  });
});
