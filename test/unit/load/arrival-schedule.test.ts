import { describe, expect, it } from 'vitest';
import { ArrivalSchedule } from '../../../electron/lab/load/arrival-schedule';

describe('ArrivalSchedule', () => {
  it('has rate x duration arrivals, the first at the start and one every 1/rate after it', () => {
    const schedule = new ArrivalSchedule({ rate: 200, durationS: 3, requests: null }, 1000);
    expect(schedule.total).toBe(600);
    expect(schedule.timeOf(0)).toBe(1000);
    expect(schedule.timeOf(1)).toBe(1005);
    expect(schedule.timeOf(599)).toBe(1000 + 599 * 5);
  });

  it('counts arrivals due by a time from the clock alone, not from what came back', () => {
    const schedule = new ArrivalSchedule({ rate: 200, durationS: 3, requests: null }, 1000);
    expect(schedule.dueBy(999)).toBe(0);
    expect(schedule.dueBy(1000)).toBe(1);
    expect(schedule.dueBy(1004.9)).toBe(1);
    expect(schedule.dueBy(1005)).toBe(2);
    expect(schedule.dueBy(2000)).toBe(201);
    expect(schedule.dueBy(60_000)).toBe(600);
  });

  it('ends at the request count when that comes before the duration', () => {
    expect(new ArrivalSchedule({ rate: 1000, durationS: 600, requests: 250 }, 0).total).toBe(250);
    expect(new ArrivalSchedule({ rate: 10, durationS: 1, requests: 250 }, 0).total).toBe(10);
  });

  it('keeps a fractional rate: 2.5/s for 2 s is 5 arrivals', () => {
    const schedule = new ArrivalSchedule({ rate: 2.5, durationS: 2, requests: null }, 0);
    expect(schedule.total).toBe(5);
    expect(schedule.timeOf(4)).toBe(1600);
  });
});
