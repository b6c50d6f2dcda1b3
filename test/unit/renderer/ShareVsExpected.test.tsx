// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ShareVsExpected } from '../../../renderer/src/components/ShareVsExpected';
import type { Algorithm, BackendSnapshot } from '../../../electron/shared/types';
import { computeTrafficShares as sharesOf } from '../../../renderer/src/model/traffic-share';
import { makeBackend, withLabShares } from './fake-lab-api';

afterEach(cleanup);

/** The shares a row shows: the lab's expected share (its own rules) against the hits counted. */
function computeTrafficShares(backends: BackendSnapshot[], algorithm: Algorithm) {
  return sharesOf(withLabShares(backends, algorithm));
}

function renderShares(...args: Parameters<typeof computeTrafficShares>) {
  return computeTrafficShares(...args).map((share) => {
    const { container } = render(<ShareVsExpected observed={share.observed} expected={share.expected} inRotation={share.inRotation} standby={share.standby} />);
    const text = (id: string) => container.querySelector(`[data-testid="${id}"]`)!.textContent;
    return { observed: text('observed-share'), expected: text('expected-share'), all: container.textContent };
  });
}

describe('share vs expected', () => {
  it('shows 40% / 60% for hits 4 and 6 under weights 4:6', () => {
    const shown = renderShares([makeBackend(4000, { hits: 4, weight: 4 }), makeBackend(4001, { hits: 6, weight: 6 })], 'weighted');
    expect(shown.map((s) => [s.observed, s.expected])).toEqual([
      ['40%', '40%'],
      ['60%', '60%'],
    ]);
  });

  it('shows a dash, not 0% or NaN, before any request arrived', () => {
    const shown = renderShares([makeBackend(4000, { weight: 4 }), makeBackend(4001, { weight: 6 })], 'weighted');
    expect(shown.map((s) => s.observed)).toEqual(['—', '—']);
    expect(shown.map((s) => s.expected)).toEqual(['40%', '60%']);
  });

  it('expects nothing of a weight-0 backend and shares the rest among those in rotation', () => {
    const shown = renderShares(
      [makeBackend(4000, { hits: 5, weight: 3 }), makeBackend(4001, { hits: 5, weight: 0, inRotation: false }), makeBackend(4002, { weight: 1 })],
      'weighted',
    );
    expect(shown.map((s) => s.expected)).toEqual(['75%', '0%', '25%']);
    expect(shown.map((s) => s.observed)).toEqual(['50%', '50%', '0%']);
    expect(shown[1]!.all).toContain('out of rotation');
  });

  it('leaves a stopped backend out of the expected shares but keeps the hits it had', () => {
    const shares = computeTrafficShares(
      [makeBackend(4000, { hits: 30, weight: 1 }), makeBackend(4001, { hits: 10, weight: 1, status: 'stopped', inRotation: false })],
      'weighted',
    );
    expect(shares.map((s) => [s.observed, s.expected])).toEqual([
      [0.75, 1],
      [0.25, 0],
    ]);
  });

  it('expects equal shares under round-robin whatever the weights (0 still takes none)', () => {
    const shares = computeTrafficShares(
      [makeBackend(4000, { weight: 4 }), makeBackend(4001, { weight: 6 }), makeBackend(4002, { weight: 0, inRotation: false })],
      'round-robin',
    );
    expect(shares.map((s) => s.expected)).toEqual([0.5, 0.5, 0]);
  });

  it('expects nothing of anyone when no backend is in rotation', () => {
    const shares = computeTrafficShares([makeBackend(4000, { status: 'crashed', inRotation: false })], 'weighted');
    expect(shares[0]!.expected).toBe(0);
    expect(shares[0]!.observed).toBeNull();
  });

  it('expects nothing of a backup while a primary is up, and says it stands by', () => {
    const backends = [makeBackend(4000, { weight: 1 }), makeBackend(4001, { weight: 3 }), makeBackend(4002, { weight: 5, backup: true })];
    expect(computeTrafficShares(backends, 'weighted').map((s) => s.expected)).toEqual([0.25, 0.75, 0]);
    const shown = renderShares(backends, 'weighted');
    expect(shown[2]!.expected).toBe('0%');
    expect(shown[2]!.all).toContain('(standing by)');
  });

  it('counts a backup the lab reports out of rotation (a primary serves) as standing by, not out', () => {
    const shares = computeTrafficShares([makeBackend(4000), makeBackend(4001, { backup: true, inRotation: false })], 'weighted');
    expect(shares[1]).toMatchObject({ expected: 0, inRotation: true, standby: true });
    const stopped = computeTrafficShares([makeBackend(4000), makeBackend(4001, { backup: true, inRotation: false, status: 'stopped' })], 'weighted');
    expect(stopped[1]).toMatchObject({ expected: 0, inRotation: false, standby: false });
  });

  it('shares the traffic among the backups by weight once no primary takes requests', () => {
    const shares = computeTrafficShares(
      [
        makeBackend(4000, { status: 'stopped', inRotation: false }),
        makeBackend(4001, { down: true }),
        makeBackend(4002, { weight: 1, backup: true }),
        makeBackend(4003, { weight: 3, backup: true }),
      ],
      'weighted',
    );
    expect(shares.map((s) => s.expected)).toEqual([0, 0, 0.25, 0.75]);
    expect(shares.map((s) => s.standby)).toEqual([false, false, false, false]);
  });

  it('keeps backups standing by while a primary is only slow-starting', () => {
    const shares = computeTrafficShares([makeBackend(4000, { weight: 4, slowStartProgress: 0.1 }), makeBackend(4001, { backup: true })], 'weighted');
    expect(shares.map((s) => s.expected)).toEqual([1, 0]);
  });

  it.each([
    ['down by hand', { down: true }],
    ['draining', { drain: true }],
    ['disabled by max_fails', { failed: true }],
    ['failing its health check', { health: { state: 'failing', lastCheckAt: 1, lastResult: 'connection refused', streak: 3 } }],
  ] as const)('expects nothing of a backend %s, even if the lab still counts it in rotation', (_what, flags) => {
    const shares = computeTrafficShares([makeBackend(4000), makeBackend(4001, { ...flags }), makeBackend(4002)], 'round-robin');
    expect(shares.map((s) => s.expected)).toEqual([0.5, 0, 0.5]);
    expect(shares[1]!.inRotation).toBe(false);
  });

  it('counts a passing or undecided health check as usable', () => {
    const shares = computeTrafficShares(
      [makeBackend(4000, { health: { state: 'passing', lastCheckAt: 1, lastResult: '200 in 3 ms', streak: 2 } }), makeBackend(4001, { health: { state: 'unknown', lastCheckAt: null, lastResult: null, streak: 0 } })],
      'round-robin',
    );
    expect(shares.map((s) => s.expected)).toEqual([0.5, 0.5]);
  });

  it('ramps a slow-starting backend’s weight from 1 up to its full weight', () => {
    const at = (progress: number | null) =>
      computeTrafficShares([makeBackend(4000, { weight: 10, slowStartProgress: progress }), makeBackend(4001, { weight: 10 })], 'weighted')[0]!.expected;
    expect(at(0)).toBeCloseTo(1 / 11);
    expect(at(0.5)).toBeCloseTo(5 / 15);
    expect(at(null)).toBe(0.5);
  });

  it('rounds to a tenth of a percent', () => {
    render(<ShareVsExpected observed={1 / 3} expected={2 / 3} inRotation />);
    expect(screen.getByTestId('observed-share').textContent).toBe('33.3%');
    expect(screen.getByTestId('expected-share').textContent).toBe('66.7%');
  });

  it('redraws for a change it can show, not for the hundredths of a percent each snapshot brings, and never lags further behind', () => {
    const { container, rerender } = render(<ShareVsExpected observed={0.0624} expected={0.0625} inRotation />);
    /** The observed bar's width, percent to a thousandth. */
    const bar = () => Math.round(parseFloat((container.querySelector('.share__observed') as HTMLElement).style.width) * 1000) / 1000;
    const shown = () => screen.getByTestId('observed-share').textContent;
    expect([shown(), bar()]).toEqual(['6.2%', 6.24]);
    // Under load the share creeps by less than the text or the bar can show: nothing to redraw.
    rerender(<ShareVsExpected observed={0.06242} expected={0.0625} inRotation />);
    rerender(<ShareVsExpected observed={0.06244} expected={0.0625} inRotation />);
    expect([shown(), bar()]).toEqual(['6.2%', 6.24]);
    // Creeping on, it is compared with what it last drew: past half a tenth of a percent of the bar, it redraws.
    rerender(<ShareVsExpected observed={0.06291} expected={0.0625} inRotation />);
    expect([shown(), bar()]).toEqual(['6.3%', 6.291]);
    // A change of the words redraws at once, however small.
    rerender(<ShareVsExpected observed={0.06291} expected={0.0625} inRotation={false} />);
    expect(screen.getByText(/out of rotation/)).toBeTruthy();
    rerender(<ShareVsExpected observed={null} expected={0.0625} inRotation={false} />);
    expect(shown()).toBe('—');
  });

  it('shows a new rounded share even when the share moved by a hair', () => {
    const { rerender } = render(<ShareVsExpected observed={0.06249} expected={0.0625} inRotation />);
    expect(screen.getByTestId('observed-share').textContent).toBe('6.2%');
    rerender(<ShareVsExpected observed={0.06251} expected={0.0625} inRotation />);
    expect(screen.getByTestId('observed-share').textContent).toBe('6.3%');
  });
});
