import { describe, expect, it } from 'vitest';
import { clockLabel } from '../../../../renderer/src/model/clock-label';

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

describe('clockLabel', () => {
  it('labels a second of the time axis as the formatter does, the same each time it is asked', () => {
    const now = Math.floor(Date.now() / 1000);
    for (let s = now - 60; s <= now; s += 5) {
      expect(clockLabel(s)).toBe(CLOCK.format(s * 1000));
      expect(clockLabel(s)).toBe(CLOCK.format(s * 1000));
    }
  });

  it('keeps labelling correctly past the labels it keeps', () => {
    const start = 1_700_000_000;
    for (let s = start; s < start + 2000; s++) clockLabel(s);
    expect(clockLabel(start)).toBe(CLOCK.format(start * 1000));
    expect(clockLabel(start + 1999)).toBe(CLOCK.format((start + 1999) * 1000));
  });
});
