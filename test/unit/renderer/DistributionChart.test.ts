import { describe, expect, it } from 'vitest';
import { labelledSlots } from '../../../renderer/src/components/DistributionChart';

describe('the distribution chart’s port labels', () => {
  it('labels every port while each has room', () => {
    expect(labelledSlots(3, 220)).toEqual([0, 1, 2]);
  });

  it('labels every 2nd or 3rd port when 16 share a narrow side panel, so no two labels overlap', () => {
    // 16 slots over 220 px: 13.75 px each, a label needs 42 px: every 4th.
    expect(labelledSlots(16, 220)).toEqual([0, 4, 8, 12]);
    expect(labelledSlots(16, 400)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
  });

  it('labels every port before the chart has a size', () => {
    expect(labelledSlots(4, 0)).toEqual([0, 1, 2, 3]);
  });
});
