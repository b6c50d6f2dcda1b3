import { describe, expect, it } from 'vitest';
import { nextDeadline } from '../../../electron/lab/clock';

describe('the system clock’s repeating timer', () => {
  it('keeps to its grid when a tick runs late, instead of counting the next period from the late start', () => {
    // Ticks due at 100, 200, 300: the one due at 200 ran at 235; the next is still due at 300.
    expect(nextDeadline(200, 235, 100)).toBe(300);
    expect(nextDeadline(100, 100, 100)).toBe(200);
  });

  it('skips the deadlines a stalled process slept through rather than firing them all at once', () => {
    expect(nextDeadline(200, 455, 100)).toBe(500);
    expect(nextDeadline(200, 400, 100)).toBe(500);
    expect(nextDeadline(200, 399.5, 100)).toBe(400);
  });

  it('averages exactly one tick per period over a run of late ticks', () => {
    let deadline = 0;
    const fired: number[] = [];
    for (let i = 0; i < 100; i++) {
      const ranAt = deadline + 7 + (i % 3) * 20; // every tick late by 7-47 ms
      fired.push(deadline);
      deadline = nextDeadline(deadline, ranAt, 100);
    }
    expect(fired.at(-1)).toBe(99 * 100);
  });
});
