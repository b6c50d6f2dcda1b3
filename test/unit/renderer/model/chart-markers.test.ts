import { describe, expect, it } from 'vitest';
import { markerFor, type MarkerKind } from '../../../../renderer/src/model/chart-markers';
import type { LabEvent } from '../../../../electron/shared/types';

const event = (kind: LabEvent['kind'], message: string, port: number | null = 4001): LabEvent => ({ seq: 1, at: 1_700_000_000_000, port, kind, message });
const kindOf = (e: LabEvent): MarkerKind | null => markerFor(e)?.kind ?? null;

describe('markerFor', () => {
  it('marks stops, crashes and returns, not a first start', () => {
    expect(kindOf(event('stopped', '4001 stopped by you'))).toBe('stopped');
    expect(kindOf(event('crashed', '4001 crashed (SIGKILL); out of rotation'))).toBe('crashed');
    expect(kindOf(event('up', '4001 back up (pid 123)'))).toBe('back-up');
    expect(kindOf(event('up', '4001 passed 2 health checks; back in rotation'))).toBe('back-up');
    expect(kindOf(event('up', '4001 up (pid 123)'))).toBeNull();
    expect(kindOf(event('started', '4001 starting: node sample.mjs'))).toBeNull();
  });

  it('marks a weight change among the other parts of a backend change, not the other parts alone', () => {
    expect(kindOf(event('config', '4001 weight 3'))).toBe('weight');
    expect(kindOf(event('config', '4001 now a primary; weight 3; max_fails 2'))).toBe('weight');
    expect(kindOf(event('config', '4001 max_fails 2'))).toBeNull();
    expect(kindOf(event('config', '4001 no longer draining'))).toBeNull();
  });

  it('marks a balancing change, not a health check change', () => {
    expect(kindOf(event('config', 'balancing method: least-conn', null))).toBe('method');
    expect(kindOf(event('config', 'health checks off', null))).toBeNull();
  });

  it('marks faults and the hammer by their message prefixes, as config or info events', () => {
    expect(kindOf(event('config', '4001 fault set: +200 ms latency'))).toBe('fault-set');
    expect(kindOf(event('info', '4001 fault cleared'))).toBe('fault-cleared');
    expect(kindOf(event('info', 'hammer started: 500 req/s for 10 s', null))).toBe('hammer-start');
    expect(kindOf(event('info', 'hammer stopped by you after 1,200 requests', null))).toBe('hammer-stop');
    expect(kindOf(event('info', 'hammer done: 5,000 requests, 499.8 req/s', null))).toBe('hammer-stop');
    expect(kindOf(event('info', '4001 failed 3 request(s); retried 3 on 4000'))).toBeNull();
  });

  it('keeps the event sequence number, time and words', () => {
    expect(markerFor({ seq: 42, at: 7, port: 4001, kind: 'crashed', message: '4001 crashed (SIGKILL)' })).toEqual({ seq: 42, at: 7, kind: 'crashed', message: '4001 crashed (SIGKILL)' });
  });
});
