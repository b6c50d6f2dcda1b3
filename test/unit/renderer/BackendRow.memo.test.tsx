// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/App';
import type { Snapshot } from '../../../electron/shared/types';
import { createFakeLabApi, makeBackend, makeSnapshot } from './fake-lab-api';
import { rendersSince, type RenderCounts } from './render-counter';

const renders = vi.hoisted((): RenderCounts => new Map());

// Each memoised part of a row, counted by what it renders for: the row itself per port, its parts per port where they know it.
vi.mock('../../../renderer/src/components/BackendRow', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/BackendRow')>();
  return { BackendRow: countingMemo(actual.BackendRow, renders, (p) => `row ${p.backend.port}`) };
});
vi.mock('../../../renderer/src/components/BackendCounters', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/BackendCounters')>();
  return { BackendCounters: countingMemo(actual.BackendCounters, renders, () => 'counters') };
});
vi.mock('../../../renderer/src/components/StatusBadge', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/StatusBadge')>();
  return { StatusBadge: countingMemo(actual.StatusBadge, renders, () => 'status') };
});
vi.mock('../../../renderer/src/components/BackendFlags', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/BackendFlags')>();
  return { BackendFlags: countingMemo(actual.BackendFlags, renders, () => 'flags') };
});
vi.mock('../../../renderer/src/components/WeightEditor', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/WeightEditor')>();
  return { WeightEditor: countingMemo(actual.WeightEditor, renders, (p) => `weight ${p.port}`) };
});
vi.mock('../../../renderer/src/components/BackendActions', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/BackendActions')>();
  return { BackendActions: countingMemo(actual.BackendActions, renders, (p) => `actions ${p.port}`) };
});
vi.mock('../../../renderer/src/components/BackendTerminal', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/BackendTerminal')>();
  return { BackendTerminal: countingMemo(actual.BackendTerminal, renders, (p) => `terminal ${p.port}`) };
});
vi.mock('../../../renderer/src/components/FaultEditor', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/FaultEditor')>();
  return { FaultEditor: countingMemo(actual.FaultEditor, renders, (p) => `fault ${p.port}`) };
});
vi.mock('../../../renderer/src/components/ServerOptions', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/ServerOptions')>();
  return { ServerOptions: countingMemo(actual.ServerOptions, renders, (p) => `options ${p.port}`) };
});

afterEach(() => {
  cleanup();
  renders.clear();
});

const count = (key: string): number => renders.get(key) ?? 0;
/** A snapshot as the WebSocket delivers it: every list and object a new copy. */
const overTheWire = (snapshot: Snapshot): Snapshot => JSON.parse(JSON.stringify(snapshot)) as Snapshot;

describe('BackendRow re-rendering', () => {
  it('re-renders only the rows whose shown numbers changed', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const snapshot = (inFlight: number) => overTheWire(makeSnapshot([makeBackend(4000, { hits: 5 }), makeBackend(4001, { hits: 5, inFlight })]));
    act(() => api.emitSnapshot(snapshot(0)));
    const before = new Map(renders);
    for (let i = 1; i <= 5; i++) act(() => api.emitSnapshot(snapshot(i)));
    expect(rendersSince(renders, before, 'row 4000')).toBe(0);
    expect(rendersSince(renders, before, 'row 4001')).toBe(5);
  });

  it('re-renders for a new flag, health result or ramp percent, not for a ramp step it would not show', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const snapshot = (port4001: Parameters<typeof makeBackend>[1]) => overTheWire(makeSnapshot([makeBackend(4000, { hits: 5 }), makeBackend(4001, { hits: 5, slowStartMs: 10_000, ...port4001 })]));
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.401 })));
    const rows = () => count('row 4001');
    let before = rows();
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.403 })));
    expect(rows()).toBe(before);
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41 })));
    expect(rows()).toBe(before + 1);
    before = rows();
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true })));
    expect(rows()).toBe(before + 1);
    const health = { state: 'passing' as const, lastCheckAt: 1000, lastResult: '200 in 2 ms', streak: 2 };
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true, health })));
    before = rows();
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true, health: { ...health } })));
    expect(rows()).toBe(before);
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true, health: { ...health, lastCheckAt: 3000, streak: 3 } })));
    expect(rows()).toBe(before + 1);
  });

  it('re-renders a row’s counters for new numbers, and not its badge, flags, weight editor, buttons, terminal toggle, fault editor or server options', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const health = { state: 'passing' as const, lastCheckAt: 1000, lastResult: '200 in 2 ms', streak: 2 };
    // Every snapshot brings new (equal) copies of the lists and objects a row shows.
    const snapshot = (i: number) =>
      overTheWire(makeSnapshot([makeBackend(4000, { hits: 100 + i, rps: 10 + i, inFlight: i, backup: true, health: { ...health }, fault: { latencyMs: 200 }, faultWords: '200 ms latency' })]));
    act(() => api.emitSnapshot(snapshot(0)));
    const before = new Map(renders);
    for (let i = 1; i <= 5; i++) act(() => api.emitSnapshot(snapshot(i)));

    expect(rendersSince(renders, before, 'row 4000')).toBe(5);
    expect(rendersSince(renders, before, 'counters')).toBe(5);
    for (const part of ['status', 'flags', 'weight 4000', 'actions 4000', 'terminal 4000', 'fault 4000', 'options 4000']) expect(rendersSince(renders, before, part), part).toBe(0);
    // And the row shows the newest numbers.
    const row = within(screen.getByTestId('backend-4000'));
    expect(row.getByTestId('hits').textContent).toBe('105');
    expect(row.getByText('req/s').nextElementSibling!.textContent).toBe('15.0');
    expect(row.getByText('in flight').nextElementSibling!.textContent).toBe('5');
  });

  it('re-renders only the part that shows a changed weight, state or fault', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const emit = (overrides: Parameters<typeof makeBackend>[1]) => act(() => api.emitSnapshot(overTheWire(makeSnapshot([makeBackend(4000, { hits: 7, ...overrides })]))));
    emit({});
    let before = new Map(renders);
    emit({ weight: 5 });
    expect(rendersSince(renders, before, 'weight 4000')).toBe(1);
    for (const part of ['actions 4000', 'fault 4000', 'options 4000', 'terminal 4000']) expect(rendersSince(renders, before, part), part).toBe(0);
    expect((screen.getByLabelText(/^Weight/) as HTMLInputElement).value).toBe('5');

    before = new Map(renders);
    emit({ weight: 5, status: 'stopped' });
    expect(rendersSince(renders, before, 'actions 4000')).toBe(1);
    expect(rendersSince(renders, before, 'status')).toBe(1);
    expect(rendersSince(renders, before, 'weight 4000')).toBe(0);
    expect((within(screen.getByRole('group', { name: 'Actions for port 4000' })).getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(false);

    before = new Map(renders);
    emit({ weight: 5, status: 'stopped', fault: { errorRate: 0.5 }, faultWords: '50% errors' });
    expect(rendersSince(renders, before, 'fault 4000')).toBe(1);
    expect(rendersSince(renders, before, 'actions 4000')).toBe(0);
    expect(screen.getByText('Fault: 50% errors')).toBeTruthy();
  });
});
