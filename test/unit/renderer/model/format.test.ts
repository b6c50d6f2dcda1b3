import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../../renderer/src/model/format';

describe('formatCount', () => {
  it('writes a count as toLocaleString("en-US") does, with one formatter for every call', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_234_567, 20_000_000_001, -1500, 0.5]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});
