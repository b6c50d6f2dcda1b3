// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendSnapshot } from '../../../electron/shared/types';
import { BackendFlags } from '../../../renderer/src/components/BackendFlags';
import { BackendRow } from '../../../renderer/src/components/BackendRow';
import { formatClock } from '../../../renderer/src/model/format';
import { RateHistory } from '../../../renderer/src/model/rate-history';
import { computeTrafficShares } from '../../../renderer/src/model/traffic-share';
import { createFakeLabApi, makeBackend, withLabShares } from './fake-lab-api';

afterEach(cleanup);

function renderFlags(overrides: Partial<BackendSnapshot>) {
  const b = makeBackend(4000, overrides);
  return render(
    <BackendFlags
      backup={b.backup}
      down={b.down}
      drain={b.drain}
      failed={b.failed}
      health={b.health}
      stickyClients={b.stickyClients}
      maxFails={b.maxFails}
      failTimeoutMs={b.failTimeoutMs}
    />,
  );
}

describe('BackendFlags', () => {
  it('shows nothing for a plain primary with health checks off', () => {
    const { container } = renderFlags({});
    expect(container.innerHTML).toBe('');
  });

  it.each([
    [{ backup: true }, 'backup', 'flag--backup'],
    [{ down: true }, 'down (by hand)', 'flag--down'],
    [{ drain: true }, 'draining', 'flag--drain'],
    [{ failed: true }, 'temporarily disabled (max_fails)', 'flag--failed'],
    [{ stickyClients: 3 }, '3 sticky clients', 'flag--sticky'],
    [{ stickyClients: 1 }, '1 sticky client', 'flag--sticky'],
    [{ health: { state: 'passing', lastCheckAt: 1, lastResult: '200 in 3 ms', streak: 2 } }, 'health passing', 'flag--health-passing'],
    [{ health: { state: 'failing', lastCheckAt: 1, lastResult: 'connection refused', streak: 3 } }, 'health failing', 'flag--health-failing'],
    [{ health: { state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 } }, 'health unknown', 'flag--health-unknown'],
  ] as const)('%j shows "%s"', (flags, text, className) => {
    renderFlags(flags);
    const badge = screen.getByText(text);
    expect(badge.classList.contains(className)).toBe(true);
    expect(badge.getAttribute('title')).toBeTruthy();
  });

  it('puts the last health check’s result and time in the badge’s title', () => {
    const at = Date.UTC(2024, 0, 1, 12, 0, 5);
    renderFlags({ health: { state: 'failing', lastCheckAt: at, lastResult: 'connection refused', streak: 3 } });
    const title = screen.getByText('health failing').getAttribute('title')!;
    expect(title).toContain('connection refused');
    expect(title).toContain(formatClock(at));
    expect(title).toContain('3 in a row');
  });

  it('names fail_timeout in the max_fails badge’s title', () => {
    renderFlags({ failed: true, maxFails: 2, failTimeoutMs: 10_000 });
    expect(screen.getByText('temporarily disabled (max_fails)').getAttribute('title')).toMatch(/2 failed attempt\(s\).*10 s/);
  });

  it('shows every flag at once, in a fixed order', () => {
    renderFlags({ backup: true, down: true, drain: true, failed: true, stickyClients: 2, health: { state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 } });
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'backup',
      'down (by hand)',
      'draining',
      'temporarily disabled (max_fails)',
      'health unknown',
      '2 sticky clients',
    ]);
  });
});

describe('BackendRow with the new state', () => {
  function renderRow(backends: BackendSnapshot[], port: number) {
    const shares = computeTrafficShares(withLabShares(backends, 'weighted'));
    const i = backends.findIndex((b) => b.port === port);
    render(<BackendRow api={createFakeLabApi()} backend={backends[i]!} share={shares[i]!} history={new RateHistory()} />);
    return screen.getByTestId(`backend-${port}`);
  }

  it('shows a slow-start ramp as a bar with "slow start 40%"', () => {
    const row = renderRow([makeBackend(4000, { slowStartMs: 30_000, slowStartProgress: 0.4 })], 4000);
    const bar = within(row).getByRole('progressbar', { name: 'Slow start' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(within(row).getByText('slow start 40%')).toBeTruthy();
  });

  it('shows no ramp when not slow-starting', () => {
    const row = renderRow([makeBackend(4000, { slowStartMs: 30_000, slowStartProgress: null })], 4000);
    expect(within(row).queryByRole('progressbar')).toBeNull();
  });

  it('shows a backup’s badge and expected share 0 while a primary is up', () => {
    const row = renderRow([makeBackend(4000), makeBackend(4001, { backup: true })], 4001);
    expect(within(row).getByText('backup')).toBeTruthy();
    expect(within(row).getByTestId('expected-share').textContent).toBe('0%');
  });

  it('keeps the action buttons and their names as they were', () => {
    const row = renderRow([makeBackend(4000)], 4000);
    expect(within(within(row).getByRole('group', { name: 'Actions for port 4000' })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Start',
      'Stop',
      'Kill',
      'Restart',
      'Remove',
    ]);
  });

  it('says "out of rotation" only where no flag already says why', () => {
    expect(within(renderRow([makeBackend(4000, { weight: 0, inRotation: false })], 4000)).queryByText('out of rotation')).toBeTruthy();
    cleanup();
    const row = renderRow([makeBackend(4000, { down: true, inRotation: false })], 4000);
    expect(within(row).queryByText('out of rotation')).toBeNull();
    expect(within(row).getByText('down (by hand)')).toBeTruthy();
  });
});
