// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_LOAD, type LoadProgress } from '../../../electron/shared/load';
import type { Snapshot } from '../../../electron/shared/types';
import { App } from '../../../renderer/src/App';
import { createFakeLabApi, makeBackend, makeSnapshot } from './fake-lab-api';
import { rendersSince, type RenderCounts } from './render-counter';

const renders = vi.hoisted((): RenderCounts => new Map());

vi.mock('../../../renderer/src/components/ScenarioPanel', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/ScenarioPanel')>();
  return { ...actual, ScenarioPanel: countingMemo(actual.ScenarioPanel, renders, () => 'scenario') };
});
vi.mock('../../../renderer/src/components/HammerForm', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/HammerForm')>();
  return { ...actual, HammerForm: countingMemo(actual.HammerForm, renders, () => 'hammer form') };
});
vi.mock('../../../renderer/src/components/HammerPanel', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/HammerPanel')>();
  return { ...actual, HammerPanel: countingMemo(actual.HammerPanel, renders, () => 'hammer') };
});
vi.mock('../../../renderer/src/components/ComparePanel', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/ComparePanel')>();
  return { ...actual, ComparePanel: countingMemo(actual.ComparePanel, renders, () => 'compare') };
});
vi.mock('../../../renderer/src/components/ProxySettingsPanel', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/ProxySettingsPanel')>();
  return { ...actual, ProxySettingsPanel: countingMemo(actual.ProxySettingsPanel, renders, () => 'proxy settings') };
});
vi.mock('../../../renderer/src/components/TimeCharts', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/TimeCharts')>();
  return { ...actual, TimeCharts: countingMemo(actual.TimeCharts, renders, () => 'time charts') };
});
vi.mock('../../../renderer/src/components/SetupPanel', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/SetupPanel')>();
  return { ...actual, SetupPanel: countingMemo(actual.SetupPanel, renders, () => 'setup') };
});
vi.mock('../../../renderer/src/components/ResetCountersButton', async (importOriginal) => {
  const { countingMemo } = await import('./render-counter');
  const actual = await importOriginal<typeof import('../../../renderer/src/components/ResetCountersButton')>();
  return { ...actual, ResetCountersButton: countingMemo(actual.ResetCountersButton, renders, () => 'reset') };
});

afterEach(() => {
  cleanup();
  renders.clear();
});

/** A snapshot as the WebSocket delivers it: every list and object a new copy. */
const overTheWire = (snapshot: Snapshot): Snapshot => JSON.parse(JSON.stringify(snapshot)) as Snapshot;

const PANELS = ['scenario', 'hammer', 'hammer form', 'compare', 'proxy settings', 'time charts', 'setup', 'reset'];

describe('the dashboard’s panels re-rendering', () => {
  it('re-renders none of the panels for a snapshot that only brings new counters', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const snapshot = (i: number) => overTheWire(makeSnapshot([makeBackend(4000, { hits: i, rps: i })], { requests: i, rps: i }));
    act(() => api.emitSnapshot(snapshot(0)));
    const before = new Map(renders);
    for (let i = 1; i <= 5; i++) act(() => api.emitSnapshot(snapshot(i)));
    for (const panel of PANELS) expect(rendersSince(renders, before, panel), panel).toBe(0);
    expect(screen.getByTestId('total-requests').textContent).toBe('5');
  });

  it('re-renders the Hammer’s progress on each snapshot of a run, but its form only when the run starts and ends', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const running = (sent: number): LoadProgress => ({ ...IDLE_LOAD, state: 'running', sent, answered: sent, rate: 100, elapsedS: sent / 100, plannedS: 10, plannedRequests: 1000 });
    const emit = (load: LoadProgress) => act(() => api.emitSnapshot(overTheWire(makeSnapshot([makeBackend(4000, { hits: load.sent })], { load }))));
    emit(IDLE_LOAD);
    let before = new Map(renders);
    emit(running(100));
    expect(rendersSince(renders, before, 'hammer form')).toBe(1);
    before = new Map(renders);
    for (const sent of [200, 300, 400]) emit(running(sent));
    expect(rendersSince(renders, before, 'hammer')).toBe(3);
    expect(rendersSince(renders, before, 'hammer form')).toBe(0);
    const hammer = within(screen.getByRole('region', { name: 'Hammer' }));
    expect(hammer.getByText(/sent 400, answered 400/)).toBeTruthy();
    expect(hammer.getByRole('button', { name: 'Stop' })).toBeTruthy();
    before = new Map(renders);
    emit({ ...running(1000), state: 'done' });
    expect(rendersSince(renders, before, 'hammer form')).toBe(1);
    expect(hammer.getByRole('button', { name: 'Start' })).toBeTruthy();
  });

  it('re-renders the retry settings when a condition changes, not for an equal list', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const emit = (nextUpstream: Snapshot['proxy']['nextUpstream']) => act(() => api.emitSnapshot(overTheWire(makeSnapshot([makeBackend(4000)], { nextUpstream }))));
    emit(['error', 'timeout']);
    let before = new Map(renders);
    emit(['error', 'timeout']);
    expect(rendersSince(renders, before, 'proxy settings')).toBe(0);
    before = new Map(renders);
    emit(['error', 'timeout', 'http_502']);
    expect(rendersSince(renders, before, 'proxy settings')).toBe(1);
    expect((screen.getByRole('checkbox', { name: /http_502/ }) as HTMLInputElement).checked).toBe(true);
  });
});
