// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ShareVsExpected } from '../../../renderer/src/components/ShareVsExpected';
import { computeTrafficShares } from '../../../renderer/src/model/traffic-share';
import { makeBackend } from './fake-lab-api';

afterEach(cleanup);

function renderShares(...args: Parameters<typeof computeTrafficShares>) {
  return computeTrafficShares(...args).map((share) => {
    const { container } = render(<ShareVsExpected observed={share.observed} expected={share.expected} inRotation={share.inRotation} />);
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

  it('rounds to a tenth of a percent', () => {
    render(<ShareVsExpected observed={1 / 3} expected={2 / 3} inRotation />);
    expect(screen.getByTestId('observed-share').textContent).toBe('33.3%');
    expect(screen.getByTestId('expected-share').textContent).toBe('66.7%');
  });
});
