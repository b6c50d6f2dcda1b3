import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameCoalescer } from '../../../../renderer/src/model/frame-coalescer';

/** A stand-in requestAnimationFrame: the test says when the frame comes. */
function fakeFrames() {
  const callbacks = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    callbacks.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
  return {
    pending: () => callbacks.size,
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback(performance.now());
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('frameCoalescer', () => {
  it('draws once in the next frame however often it was asked, and every chart in one requestAnimationFrame', () => {
    const frames = fakeFrames();
    const rps = vi.fn();
    const latency = vi.fn();
    const a = frameCoalescer(rps);
    const b = frameCoalescer(latency);
    a.request();
    a.request();
    b.request();
    a.request();
    expect(rps).not.toHaveBeenCalled();
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(rps).toHaveBeenCalledTimes(1);
    expect(latency).toHaveBeenCalledTimes(1);
    // Nothing asked: the next frame draws nothing.
    frames.frame();
    expect(rps).toHaveBeenCalledTimes(1);
    a.request();
    frames.frame();
    expect(rps).toHaveBeenCalledTimes(2);
  });

  it('keeps two charts with the same drawing code apart', () => {
    const frames = fakeFrames();
    const draw = vi.fn();
    frameCoalescer(draw).request();
    frameCoalescer(draw).request();
    frames.frame();
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('drops a drawing cancelled before its frame, and only that one', () => {
    const frames = fakeFrames();
    const gone = vi.fn();
    const kept = vi.fn();
    const a = frameCoalescer(gone);
    a.request();
    frameCoalescer(kept).request();
    a.cancel();
    frames.frame();
    expect(gone).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it('draws the other charts when one fails, and reports the failure', async () => {
    const frames = fakeFrames();
    const reported = new Promise<unknown>((done) => vi.stubGlobal('queueMicrotask', (task: () => void) => {
      try {
        task();
      } catch (error) {
        done(error);
      }
    }));
    const after = vi.fn();
    frameCoalescer(() => {
      throw new Error('no canvas');
    }).request();
    frameCoalescer(after).request();
    frames.frame();
    expect(after).toHaveBeenCalledTimes(1);
    expect(await reported).toEqual(new Error('no canvas'));
  });

  it('draws at once where there is no requestAnimationFrame', () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    const draw = vi.fn();
    frameCoalescer(draw).request();
    expect(draw).toHaveBeenCalledTimes(1);
  });
});
