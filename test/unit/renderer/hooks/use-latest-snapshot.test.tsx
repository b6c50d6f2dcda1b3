// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLatestSnapshot } from '../../../../renderer/src/hooks/use-latest-snapshot';
import { createFakeLabApi, makeBackend, makeSnapshot } from '../fake-lab-api';

const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

afterEach(() => {
  cleanup();
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
});

describe('useLatestSnapshot', () => {
  it('shows each snapshot in the task that received it, after handing it to onEach', () => {
    const api = createFakeLabApi();
    const seen: number[] = [];
    const onEach = vi.fn((s: { backends: { hits: number }[] }) => seen.push(s.backends[0]!.hits));
    function Hits() {
      const { snapshot } = useLatestSnapshot(api, onEach);
      return <p data-testid="hits">{snapshot?.backends[0]?.hits ?? 'none'}</p>;
    }
    render(<Hits />);
    // As a WebSocket message arrives: no act(), no waiting for React's scheduler.
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    api.emitSnapshot(makeSnapshot([makeBackend(4000, { hits: 7 })]));
    expect(screen.getByTestId('hits').textContent).toBe('7');
    api.emitSnapshot(makeSnapshot([makeBackend(4000, { hits: 9 })]));
    expect(screen.getByTestId('hits').textContent).toBe('9');
    expect(seen).toEqual([7, 9]);
  });

  it('shows the snapshot a new subscription is replayed at once, without flushing inside React’s effects', () => {
    const api = createFakeLabApi();
    const latest = makeSnapshot([makeBackend(4000, { hits: 3 })]);
    // As the WebSocket client does: a new subscriber gets the latest snapshot right away.
    api.onSnapshot.mockImplementation((listener: (s: typeof latest) => void) => {
      listener(latest);
      return () => {};
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const onEach = () => {};
    function Hits() {
      const { snapshot } = useLatestSnapshot(api, onEach);
      return <p data-testid="hits">{snapshot?.backends[0]?.hits ?? 'none'}</p>;
    }
    render(<Hits />);
    expect(screen.getByTestId('hits').textContent).toBe('3');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('stops listening when it unmounts', () => {
    const api = createFakeLabApi();
    const onEach = () => {};
    function Nothing() {
      useLatestSnapshot(api, onEach);
      return null;
    }
    const { unmount } = render(<Nothing />);
    expect(api.snapshotListeners()).toBe(1);
    act(() => unmount());
    expect(api.snapshotListeners()).toBe(0);
  });
});
