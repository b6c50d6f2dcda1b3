import { describe, expect, it } from 'vitest';
import { rollFault } from '../../../electron/lab/faults/roll-fault';
import { seededRandom } from '../../support/seeded-random';

/** A random source that plays back `values`, to decide each draw by hand. */
const playback = (...values: number[]): (() => number) => () => values.shift()!;

describe('rollFault', () => {
  it('hangs whatever else the fault says', () => {
    expect(rollFault({ hang: true, latencyMs: 50, errorRate: 1 }, Math.random)).toEqual({ kind: 'hang', delayMs: 0 });
  });

  it('makes an unreachable backend unreachable before anything else, hang included', () => {
    expect(rollFault({ unreachable: true, hang: true, latencyMs: 50 }, Math.random)).toEqual({ kind: 'unreachable', delayMs: 0 });
  });

  it('delays by latency ± jitter, uniform, as Toxiproxy does', () => {
    expect(rollFault({ latencyMs: 200, jitterMs: 50 }, playback(0))).toEqual({ kind: 'forward', delayMs: 150 });
    expect(rollFault({ latencyMs: 200, jitterMs: 50 }, playback(0.5))).toEqual({ kind: 'forward', delayMs: 200 });
    const draws = Array.from({ length: 200 }, (_, i, r = seededRandom(i)) => rollFault({ latencyMs: 200, jitterMs: 50 }, r).delayMs);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...draws)).toBeLessThan(250);
  });

  it('draws the reset before the error, and only for the rates that are set', () => {
    expect(rollFault({ resetRate: 0.5, errorRate: 0.5, errorStatus: 503 }, playback(0.4))).toEqual({ kind: 'reset', delayMs: 0 });
    expect(rollFault({ resetRate: 0.5, errorRate: 0.5, errorStatus: 503 }, playback(0.6, 0.4))).toEqual({ kind: 'error', delayMs: 0, status: 503 });
    expect(rollFault({ errorRate: 0.5 }, playback(0.4))).toEqual({ kind: 'error', delayMs: 0, status: 500 });
    expect(rollFault({ errorRate: 0.5 }, playback(0.5))).toEqual({ kind: 'forward', delayMs: 0 });
  });

  it('gives the same outcomes for the same seed, and about the rate asked for', () => {
    const run = (): string[] => {
      const random = seededRandom(42);
      return Array.from({ length: 1000 }, () => rollFault({ errorRate: 0.3 }, random).kind);
    };
    const first = run();
    expect(run()).toEqual(first);
    const errors = first.filter((k) => k === 'error').length;
    expect(errors).toBeGreaterThan(250);
    expect(errors).toBeLessThan(350);
  });
});
