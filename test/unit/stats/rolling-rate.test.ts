import { describe, expect, it } from 'vitest';
import { RollingRate } from '../../../electron/lab/stats/rolling-rate';

const STEP_MS = 100;

/** Sample a counter that grows by `perStep` every STEP_MS, from `from` ms for `steps` steps; returns the last rate and the count. */
function drive(rate: RollingRate, perStep: number, steps: number, from = 0, start = 0): { last: number; count: number; now: number } {
  let count = start;
  let last = 0;
  let now = from;
  for (let i = 0; i < steps; i++) {
    now = from + i * STEP_MS;
    last = rate.sample(count, now);
    count += perStep;
  }
  return { last, count: count - perStep, now };
}

describe('RollingRate', () => {
  it('is 0 on the first sample, having nothing to compare it with', () => {
    expect(new RollingRate().sample(42, 1_000)).toBe(0);
  });

  it('is the counter’s growth per second over the last window', () => {
    const perStep = 7;
    const { last } = drive(new RollingRate(1000), perStep, 30);
    expect(last).toBeCloseTo((perStep * 1000) / STEP_MS, 6);
  });

  it('follows a change of pace within one window, not the average since the start', () => {
    const rate = new RollingRate(1000);
    const slow = drive(rate, 1, 30);
    const fast = drive(rate, 20, 12, slow.now + STEP_MS, slow.count + 1);
    expect(fast.last).toBeCloseTo((20 * 1000) / STEP_MS, 6);
  });

  it('falls to 0 once a whole window passes with no new requests', () => {
    const rate = new RollingRate(1000);
    const busy = drive(rate, 5, 20);
    const idle = drive(rate, 0, 12, busy.now + STEP_MS, busy.count);
    expect(idle.last).toBe(0);
  });

  it('never goes below 0 when the counter is zeroed behind its back', () => {
    const rate = new RollingRate(1000);
    const busy = drive(rate, 5, 20);
    expect(rate.sample(0, busy.now + STEP_MS)).toBe(0);
  });

  it('forgets every sample on reset, so the next one starts over at 0', () => {
    const rate = new RollingRate(1000);
    const busy = drive(rate, 5, 20);
    rate.reset();
    expect(rate.sample(busy.count + 500, busy.now + STEP_MS)).toBe(0);
  });
});
