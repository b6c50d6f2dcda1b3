// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MARKERS, TimeCharts } from '../../../renderer/src/components/TimeCharts';
import { SERIES_SPAN_S } from '../../../renderer/src/model/time-series';
import { createFakeLabApi, makeBackend, makeSnapshot } from './fake-lab-api';
import type { LabEvent } from '../../../electron/shared/types';

afterEach(cleanup);

const CHARTS = 3;
let seq = 0;
const event = (kind: LabEvent['kind'], message: string, at = Date.now()): LabEvent => ({ seq: ++seq, at, port: 4001, kind, message });

describe('TimeCharts', () => {
  it('puts a named marker on each chart for a crash, a fault and the hammer, and none for a first start', () => {
    const api = createFakeLabApi();
    render(<TimeCharts api={api} />);
    act(() => api.emitSnapshot(makeSnapshot([makeBackend(4000), makeBackend(4001)])));
    act(() => {
      api.emitEvent(event('up', '4001 up (pid 1)'));
      api.emitEvent(event('info', 'hammer started: 200 req/s for 10 s'));
      api.emitEvent(event('crashed', '4001 crashed (SIGKILL); out of rotation'));
      api.emitEvent(event('config', '4001 fault set: +200 ms latency'));
    });
    const crash = screen.getAllByRole('img', { name: 'crashed: 4001 crashed (SIGKILL); out of rotation' });
    expect(crash).toHaveLength(CHARTS);
    expect(crash[0]!.getAttribute('title')).toContain('4001 crashed (SIGKILL)');
    expect(screen.getAllByRole('img', { name: /^hammer started: / })).toHaveLength(CHARTS);
    expect(screen.getAllByRole('img', { name: /^fault set: / })).toHaveLength(CHARTS);
    expect(screen.queryAllByRole('img', { name: /4001 up \(pid 1\)/ })).toHaveLength(0);
  });

  it('places a newer marker to the right of an older one', () => {
    const api = createFakeLabApi();
    render(<TimeCharts api={api} />);
    const now = Date.now();
    act(() => {
      api.emitEvent(event('stopped', '4001 stopped by you', now));
      api.emitEvent(event('up', '4001 back up (pid 2)', now + 5000));
    });
    const left = (name: RegExp): number => parseFloat((screen.getAllByRole('img', { name })[0] as HTMLElement).style.left);
    expect(left(/^back up: /)).toBeGreaterThan(left(/^stopped: /));
  });

  it('takes a marker away once it has left the minute', () => {
    const api = createFakeLabApi();
    render(<TimeCharts api={api} />);
    const now = Date.now();
    act(() => api.emitEvent(event('stopped', '4001 stopped by you', now)));
    act(() => api.emitSnapshot({ ...makeSnapshot([makeBackend(4000)]), at: now + 1000 }));
    expect(screen.getAllByRole('img', { name: /^stopped: / })).toHaveLength(CHARTS);
    act(() => api.emitSnapshot({ ...makeSnapshot([makeBackend(4000)]), at: now + (SERIES_SPAN_S + 1) * 1000 }));
    expect(screen.queryAllByRole('img', { name: /^stopped: / })).toHaveLength(0);
  });

  it('keeps at most its cap of markers under a flood of events', () => {
    const api = createFakeLabApi();
    render(<TimeCharts api={api} />);
    act(() => {
      for (let i = 0; i < MAX_MARKERS + 50; i++) api.emitEvent(event('crashed', `4001 crashed (${i})`));
    });
    expect(screen.getAllByRole('img', { name: /^crashed: / })).toHaveLength(MAX_MARKERS * CHARTS);
  });

  it('shows a colour swatch per backend and keeps its charts (and one snapshot subscription) across new numbers', () => {
    const api = createFakeLabApi();
    render(<TimeCharts api={api} />);
    act(() => api.emitSnapshot(makeSnapshot([makeBackend(4000, { rps: 1 }), makeBackend(4001, { rps: 2 })])));
    const legend = screen.getByRole('list', { name: 'Backend colours' });
    expect(legend.textContent).toBe('40004001');
    const figure = screen.getByText('In flight per backend').parentElement!;
    act(() => api.emitSnapshot(makeSnapshot([makeBackend(4000, { rps: 5 }), makeBackend(4001, { rps: 7 })])));
    expect(screen.getByText('In flight per backend').parentElement).toBe(figure);
    expect(api.snapshotListeners()).toBe(1);
  });
});
