/** One drawing that is asked for often (every snapshot) and done at most once a frame. */
export interface FrameCoalescer {
  /** Draw in the next animation frame; asking again before then changes nothing. */
  request(): void;
  /** Drop a drawing that is asked for and not yet done. */
  cancel(): void;
}

/** Drawings asked for the next frame, in the order asked; one requestAnimationFrame runs them all. */
const pending = new Set<() => void>();
let frame: number | null = null;

function runPending(): void {
  frame = null;
  const draws = [...pending];
  pending.clear();
  for (const draw of draws) {
    try {
      draw();
    } catch (error) {
      // One chart's failure must not keep the others from drawing: report it after them.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/**
 * Runs `draw` in the next animation frame, once however often it was
 * requested since the last one. A snapshot's canvases are then drawn in the
 * same frame that shows its numbers, not in a frame of their own; a hidden
 * page draws nothing until it is shown again (then once, with the latest
 * data). Every chart's drawing shares one requestAnimationFrame. Without
 * requestAnimationFrame (tests), it draws at once.
 */
export function frameCoalescer(draw: () => void): FrameCoalescer {
  // A function of its own per coalescer: two charts with the same draw code are still two drawings.
  const entry = (): void => draw();
  return {
    request() {
      if (typeof requestAnimationFrame !== 'function') return draw();
      pending.add(entry);
      frame ??= requestAnimationFrame(runPending);
    },
    cancel() {
      pending.delete(entry);
    },
  };
}
