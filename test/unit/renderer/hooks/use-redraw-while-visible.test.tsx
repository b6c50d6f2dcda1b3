// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useRedrawWhileVisible } from '../../../../renderer/src/hooks/use-redraw-while-visible';

/** A stand-in IntersectionObserver the test moves in and out of view. */
class FakeObserver {
  static last: FakeObserver | null = null;
  targets: Element[] = [];
  disconnected = false;
  constructor(readonly callback: IntersectionObserverCallback, readonly options?: IntersectionObserverInit) {
    FakeObserver.last = this;
  }
  observe(target: Element): void {
    this.targets.push(target);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** The browser reports the target on screen (true) or scrolled away. */
  report(isIntersecting: boolean): void {
    act(() => this.callback(this.targets.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry), this as unknown as IntersectionObserver));
  }
}

function setup() {
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const redraw = vi.fn();
  function Chart() {
    const box = useRef<HTMLDivElement>(null);
    useRedrawWhileVisible(box, subscribe, redraw);
    return <div ref={box} />;
  }
  const view = render(<Chart />);
  const notify = () => listeners.forEach((l) => l());
  return { redraw, notify, listeners, ...view };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  FakeObserver.last = null;
});

describe('redrawing only while on screen', () => {
  it('redraws on every notification while on screen, waits while scrolled away, and draws once when back', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { redraw, notify } = setup();
    const observer = FakeObserver.last!;
    expect(observer.targets).toHaveLength(1);
    observer.report(true);
    notify();
    notify();
    expect(redraw).toHaveBeenCalledTimes(2);
    observer.report(false);
    notify();
    notify();
    notify();
    expect(redraw).toHaveBeenCalledTimes(2);
    observer.report(true);
    expect(redraw).toHaveBeenCalledTimes(3);
    // Back in view with nothing new: no extra drawing.
    observer.report(false);
    observer.report(true);
    expect(redraw).toHaveBeenCalledTimes(3);
  });

  it('redraws on every notification where there is no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { redraw, notify } = setup();
    notify();
    notify();
    expect(redraw).toHaveBeenCalledTimes(2);
  });

  it('stops listening and observing when it unmounts', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { listeners, unmount } = setup();
    const observer = FakeObserver.last!;
    expect(listeners.size).toBe(1);
    unmount();
    expect(listeners.size).toBe(0);
    expect(observer.disconnected).toBe(true);
  });
});
