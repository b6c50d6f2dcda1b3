// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerOptions, type ServerOptionsProps } from '../../../renderer/src/components/ServerOptions';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

function setup(overrides: Partial<ServerOptionsProps> = {}) {
  const api = createFakeLabApi();
  const user = userEvent.setup();
  const props: ServerOptionsProps = {
    api,
    port: 4001,
    backup: false,
    down: false,
    drain: false,
    maxFails: 1,
    failTimeoutMs: 10_000,
    maxConns: 0,
    slowStartMs: 0,
    ...overrides,
  };
  const view = render(<ServerOptions {...props} />);
  return { api, user, props, ...view };
}

async function apply(user: ReturnType<typeof userEvent.setup>, label: string, text: string): Promise<HTMLElement> {
  const input = screen.getByLabelText(label);
  await user.clear(input);
  if (text !== '') await user.type(input, text);
  await user.click(input.closest('form')!.querySelector('button')!);
  return input;
}

describe('ServerOptions', () => {
  it('folds away under a keyboard-reachable "Server options" disclosure', async () => {
    const { user, container } = setup();
    const details = container.querySelector('details')!;
    expect(details.open).toBe(false);
    const summary = screen.getByText('Server options');
    expect(summary.closest('summary')).toBeTruthy();
    await user.click(summary);
    expect(details.open).toBe(true);
  });

  it.each([
    ['Backup for port 4001', { backup: true }],
    ['Down (by hand) for port 4001', { down: true }],
    ['Drain for port 4001', { drain: true }],
  ])('%s calls patchBackend with exactly %j', async (label, body) => {
    const { api, user } = setup();
    await user.click(screen.getByLabelText(label));
    expect(api.patchBackend).toHaveBeenCalledTimes(1);
    expect(api.patchBackend).toHaveBeenCalledWith(4001, body);
    expect((screen.getByLabelText(label) as HTMLInputElement).checked).toBe(true);
  });

  it('turns a flag off with {flag: false}', async () => {
    const { api, user } = setup({ drain: true });
    expect((screen.getByLabelText('Drain for port 4001') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByLabelText('Drain for port 4001'));
    expect(api.patchBackend).toHaveBeenCalledWith(4001, { drain: false });
  });

  it('names each setting’s nginx / HAProxy form', () => {
    setup();
    for (const code of ['server … backup;', 'server … down;', 'set server … state maint', 'set server … state drain', 'max_conns=N', 'maxconn N', 'slow_start=30s', 'slowstart 30s']) {
      expect(screen.getByText(code).tagName).toBe('CODE');
    }
    expect(screen.getAllByText('max_fails=1 fail_timeout=10s').length).toBeGreaterThan(0);
  });

  it('shows the lab’s refusal under the toggle and goes back to the lab’s value', async () => {
    const { api, user } = setup();
    const refusal = 'backup servers cannot be used with ip-hash, hash or random-two (nginx forbids it)';
    api.patchBackend.mockResolvedValueOnce({ ok: false, error: refusal, field: 'backup', status: 409 });
    await user.click(screen.getByLabelText('Backup for port 4001'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(refusal);
    expect(screen.getByLabelText('Backup for port 4001').getAttribute('aria-describedby')).toContain(alert.id);
    expect((screen.getByLabelText('Backup for port 4001') as HTMLInputElement).checked).toBe(false);
  });

  it.each([
    ['-1', /Max conns must be at least 0/],
    ['1.5', /Max conns must be a whole number/],
    ['', /Max conns must be a number/],
    ['100001', /Max conns must be at most 100000/],
  ])('refuses max conns %j with a message and sends nothing', async (text, message) => {
    const { api, user } = setup();
    const input = await apply(user, 'Max conns for port 4001', text);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    expect(api.patchBackend).not.toHaveBeenCalled();
  });

  it.each([
    ['Max fails for port 4001', '3', { maxFails: 3 }],
    ['Fail timeout (ms) for port 4001', '5000', { failTimeoutMs: 5000 }],
    ['Max conns for port 4001', '10', { maxConns: 10 }],
    ['Slow start (ms) for port 4001', '30000', { slowStartMs: 30000 }],
  ])('%s sends patchBackend with exactly that field', async (label, text, body) => {
    const { api, user } = setup();
    await apply(user, label, text);
    expect(api.patchBackend).toHaveBeenCalledTimes(1);
    expect(api.patchBackend).toHaveBeenCalledWith(4001, body);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the lab’s values until someone edits them', () => {
    const { api, rerender, props } = setup({ maxFails: 2, failTimeoutMs: 3000 });
    expect((screen.getByLabelText('Max fails for port 4001') as HTMLInputElement).value).toBe('2');
    expect((screen.getByLabelText('Fail timeout (ms) for port 4001') as HTMLInputElement).value).toBe('3000');
    rerender(<ServerOptions {...props} api={api} maxFails={5} />);
    expect((screen.getByLabelText('Max fails for port 4001') as HTMLInputElement).value).toBe('5');
  });
});
