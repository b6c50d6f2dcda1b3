// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/App';
import type { WeightEditorProps } from '../../../renderer/src/components/WeightEditor';
import { createFakeLabApi, makeBackend, makeSnapshot } from './fake-lab-api';

const rowRenders = vi.hoisted(() => new Map<number, number>());

// Every render of a row renders its weight editor: count them per port.
vi.mock('../../../renderer/src/components/WeightEditor', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../renderer/src/components/WeightEditor')>();
  return {
    WeightEditor: (props: WeightEditorProps) => {
      rowRenders.set(props.port, (rowRenders.get(props.port) ?? 0) + 1);
      return actual.WeightEditor(props);
    },
  };
});

afterEach(cleanup);

describe('BackendRow re-rendering', () => {
  it('re-renders only the rows whose shown numbers changed', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const snapshot = (inFlight: number) => makeSnapshot([makeBackend(4000, { hits: 5 }), makeBackend(4001, { hits: 5, inFlight })]);
    act(() => api.emitSnapshot(snapshot(0)));
    const before = new Map(rowRenders);
    for (let i = 1; i <= 5; i++) act(() => api.emitSnapshot(snapshot(i)));
    expect(rowRenders.get(4000)).toBe(before.get(4000));
    expect(rowRenders.get(4001)).toBe(before.get(4001)! + 5);
  });

  it('re-renders for a new flag, health result or ramp percent, not for a ramp step it would not show', () => {
    const api = createFakeLabApi();
    render(<App api={api} />);
    const snapshot = (port4001: Parameters<typeof makeBackend>[1]) => makeSnapshot([makeBackend(4000, { hits: 5 }), makeBackend(4001, { hits: 5, slowStartMs: 10_000, ...port4001 })]);
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.401 })));
    const count = () => rowRenders.get(4001)!;
    let before = count();
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.403 })));
    expect(count()).toBe(before);
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41 })));
    expect(count()).toBe(before + 1);
    before = count();
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true })));
    expect(count()).toBe(before + 1);
    const health = { state: 'passing' as const, lastCheckAt: 1000, lastResult: '200 in 2 ms', streak: 2 };
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true, health })));
    before = count();
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true, health: { ...health } })));
    expect(count()).toBe(before);
    act(() => api.emitSnapshot(snapshot({ slowStartProgress: 0.41, drain: true, health: { ...health, lastCheckAt: 3000, streak: 3 } })));
    expect(count()).toBe(before + 1);
  });
});
