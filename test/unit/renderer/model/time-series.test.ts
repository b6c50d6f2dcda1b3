import { describe, expect, it } from 'vitest';
import { SERIES_CAPACITY, SERIES_POINT_MS, TimeSeries } from '../../../../renderer/src/model/time-series';
import { makeBackend, makeSnapshot } from '../fake-lab-api';
import type { BackendSnapshot, Snapshot } from '../../../../electron/shared/types';

const START = 1_700_000_000_000;

function at(ms: number, backends: BackendSnapshot[], p99: number | null = null): Snapshot {
  return { ...makeSnapshot(backends, { latencyWindowMs: p99 === null ? null : { p50: p99 / 2, p99 } }), at: START + ms };
}

describe('TimeSeries', () => {
  it('stays at its capacity however many snapshots arrive, keeping the newest', () => {
    const series = new TimeSeries();
    const count = SERIES_CAPACITY * 3 + 7;
    for (let i = 0; i < count; i++) series.record(at(i * SERIES_POINT_MS, [makeBackend(4000, { rps: i })]));
    expect(series.length).toBe(SERIES_CAPACITY);
    const [time, rps] = series.data().rpsStacked;
    expect(time).toHaveLength(SERIES_CAPACITY);
    expect(rps![SERIES_CAPACITY - 1]).toBe(count - 1);
    expect(rps![0]).toBe(count - SERIES_CAPACITY);
    // Oldest first, in seconds.
    expect(time![0]).toBeLessThan(time![SERIES_CAPACITY - 1]!);
    expect(time![SERIES_CAPACITY - 1]).toBe((START + (count - 1) * SERIES_POINT_MS) / 1000);
  });

  it('keeps one point per 100 ms slot, the newest snapshot in it', () => {
    const series = new TimeSeries();
    series.record(at(0, [makeBackend(4000, { rps: 1 })]));
    series.record(at(SERIES_POINT_MS / 2, [makeBackend(4000, { rps: 2 })]));
    series.record(at(SERIES_POINT_MS, [makeBackend(4000, { rps: 3 })]));
    expect(series.length).toBe(2);
    expect(series.data().rpsStacked[1]).toEqual([2, 3]);
  });

  it('stacks requests/s in port order, the top of the stack first, and counts an absent port as nothing', () => {
    const series = new TimeSeries();
    series.record(at(0, [makeBackend(4000, { rps: 5 }), makeBackend(4001, { rps: 3 })]));
    series.record(at(SERIES_POINT_MS, [makeBackend(4000, { rps: 4 }), makeBackend(4001, { rps: 0, status: 'crashed' }), makeBackend(4002, { rps: 2 })]));
    series.record(at(2 * SERIES_POINT_MS, [makeBackend(4000, { rps: 6 }), makeBackend(4002, { rps: 1 })]));
    const { ports, rpsStacked, inFlight } = series.data();
    expect(ports).toEqual([4000, 4001, 4002]);
    const [, top, middle, bottom] = rpsStacked;
    expect(bottom).toEqual([5, 4, 6]);
    expect(middle).toEqual([8, 4, 6]);
    expect(top).toEqual([8, 6, 7]);
    // In flight: a gap where the port was not in the snapshot.
    expect(inFlight[3]).toEqual([null, 0, 0]);
    expect(inFlight[2]).toEqual([0, 0, null]);
  });

  it('leaves a gap in latency where no response finished in the window', () => {
    const series = new TimeSeries();
    series.record(at(0, [makeBackend(4000)], 8));
    series.record(at(SERIES_POINT_MS, [makeBackend(4000)], null));
    const [, p50, p99] = series.data().latency;
    expect(p99).toEqual([8, null]);
    expect(p50).toEqual([4, null]);
  });

  it('drops a removed port once its last point has left the minute', () => {
    const series = new TimeSeries(10);
    series.record(at(0, [makeBackend(4000), makeBackend(4001)]));
    for (let i = 1; i < 10; i++) series.record(at(i * SERIES_POINT_MS, [makeBackend(4000)]));
    expect(series.data().ports).toEqual([4000, 4001]);
    series.record(at(10 * SERIES_POINT_MS, [makeBackend(4000)]));
    expect(series.data().ports).toEqual([4000]);
  });

  it('tells its subscribers after each snapshot until they unsubscribe', () => {
    const series = new TimeSeries();
    let calls = 0;
    const unsubscribe = series.subscribe(() => calls++);
    series.record(at(0, []));
    unsubscribe();
    series.record(at(SERIES_POINT_MS, []));
    expect(calls).toBe(1);
  });
});
