// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DistributionView } from '../../../renderer/src/components/DistributionView';
import { computeTrafficShares, sameTrafficShares } from '../../../renderer/src/model/traffic-share';
import { makeBackend, withLabShares } from './fake-lab-api';
import type { BackendSnapshot } from '../../../electron/shared/types';

afterEach(cleanup);

const shares = (backends: BackendSnapshot[]) => computeTrafficShares(withLabShares(backends, 'weighted'));

function rows(): string[][] {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent ?? ''));
}

describe('DistributionView', () => {
  it('shows the last 10 s share next to the cumulative one, so after a stop the new split shows at once', () => {
    // 4:6 since the reset; 4001 stopped a while ago, so the last 10 s went all to 4000.
    render(
      <DistributionView
        shares={shares([makeBackend(4000, { weight: 4, hits: 400, hits10s: 90 }), makeBackend(4001, { weight: 6, hits: 600, hits10s: 0, status: 'stopped', inRotation: false })])}
      />,
    );
    expect(screen.getByRole('columnheader', { name: 'Last 10 s' })).toBeTruthy();
    const [first, second] = rows();
    expect(first!.slice(3)).toEqual(['40%', '100%']);
    expect(second!.slice(3)).toEqual(['60%', '0%']);
  });

  it('shows a dash for the last 10 s when nothing arrived in them', () => {
    render(<DistributionView shares={shares([makeBackend(4000, { hits: 3, hits10s: 0 })])} />);
    expect(rows()[0]!.slice(3)).toEqual(['100%', '—']);
  });

  it('counts a change of the last 10 s share alone as a change worth drawing', () => {
    const before = shares([makeBackend(4000, { hits: 5, hits10s: 5 }), makeBackend(4001, { hits: 5, hits10s: 5 })]);
    const after = shares([makeBackend(4000, { hits: 5, hits10s: 5 }), makeBackend(4001, { hits: 5, hits10s: 0 })]);
    expect(sameTrafficShares(before, after)).toBe(false);
    expect(sameTrafficShares(before, shares([makeBackend(4000, { hits: 5, hits10s: 5 }), makeBackend(4001, { hits: 5, hits10s: 5 })]))).toBe(true);
  });
});
