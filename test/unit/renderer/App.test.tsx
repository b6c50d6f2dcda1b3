// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createFakeLabApi, makeBackend, makeSnapshot } from './fake-lab-api';

afterEach(cleanup);

describe('App', () => {
  it('says it is connecting until the first snapshot arrives', () => {
    render(<App api={createFakeLabApi()} />);
    expect(screen.getByText('Connecting to the lab…')).toBeTruthy();
  });

  it('renders a row per backend with its hits, and follows later snapshots', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    act(() => api.emitSnapshot(makeSnapshot([makeBackend(4000, { hits: 4, weight: 4 }), makeBackend(4001, { hits: 6, weight: 6 })])));
    expect(within(screen.getByTestId('backend-4000')).getByTestId('hits').textContent).toBe('4');
    expect(within(screen.getByTestId('backend-4001')).getByTestId('hits').textContent).toBe('6');
    expect(screen.getByRole('link', { name: 'http://127.0.0.1:8080/' }).getAttribute('target')).toBe('_blank');

    const row = screen.getByTestId('backend-4001');
    act(() =>
      api.emitSnapshot(
        makeSnapshot([makeBackend(4000, { hits: 4, weight: 4 }), makeBackend(4001, { hits: 9, weight: 6 }), makeBackend(4002, { status: 'starting', inRotation: false })]),
      ),
    );
    expect(screen.getByTestId('backend-4001')).toBe(row);
    expect(within(row).getByTestId('hits').textContent).toBe('9');
    expect(within(screen.getByTestId('backend-4002')).getByText('starting')).toBeTruthy();
  });

  it('shows 40% / 60% in the distribution table for hits 4:6 under weights 4:6', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    act(() => api.emitSnapshot(makeSnapshot([makeBackend(4000, { hits: 4, hits10s: 4, weight: 4 }), makeBackend(4001, { hits: 6, hits10s: 6, weight: 6 })])));
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['4000440%40%40%', '4001660%60%60%']);
  });

  it('shows the balancer options, the health checks and the sessions note from the snapshot', async () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    act(() =>
      api.emitSnapshot(
        makeSnapshot([makeBackend(4000)], {
          algorithm: 'hash',
          hashKey: 'client',
          trustForwardedFor: true,
          sticky: true,
          health: { enabled: true, path: '/ping', intervalMs: 500, rise: 1, fall: 2 },
        }),
      ),
    );
    // The method traits come from the lab (GET /api/methods), once.
    expect(((await screen.findByLabelText('Hash key')) as HTMLSelectElement).value).toBe('client');
    expect(api.methods).toHaveBeenCalledTimes(1);
    expect((screen.getByLabelText('Trust X-Forwarded-For (one laptop plays many clients)') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Sticky sessions (cookie)') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('on: GET /ping every 0.5 s, rise 1, fall 2')).toBeTruthy();
    expect(screen.getByText('server … check inter 500ms rise 1 fall 2')).toBeTruthy();
    const note = screen.getByRole('region', { name: 'Sessions' });
    expect(note.textContent).toMatch(/round-robin the counter starts again/);
    expect(within(note).getByRole('link', { name: 'the proxy URL' }).getAttribute('href')).toBe('http://127.0.0.1:8080/');
  });

  it('shows the empty state when the lab has no backends', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    act(() => api.emitSnapshot(makeSnapshot([])));
    expect(screen.getByText('No backends yet — choose how many and press Start backends')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start backends' })).toBeTruthy();
  });

  it('logs events in plain words, newest first', async () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    act(() => api.emitSnapshot(makeSnapshot([makeBackend(4000)])));
    act(() => {
      api.emitEvent({ seq: 1, at: Date.now() - 1000, port: 4000, kind: 'up', message: '4000 up (pid 42)' });
      api.emitEvent({ seq: 2, at: Date.now(), port: 4000, kind: 'crashed', message: '4000 crashed (SIGKILL); out of rotation' });
    });
    const log = await screen.findByRole('log');
    const lines = within(log).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines[0]).toContain('4000 crashed (SIGKILL); out of rotation');
    expect(lines[1]).toContain('4000 up (pid 42)');
  });

  it('unsubscribes when unmounted', () => {
    const api = createFakeLabApi();
    const { unmount } = render(<App api={api} />);
    expect(api.snapshotListeners()).toBe(1);
    unmount();
    expect(api.snapshotListeners()).toBe(0);
  });
});
