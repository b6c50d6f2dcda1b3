import { useEffect, type RefObject } from 'react';

/** How close to the viewport a target counts as on screen: it is redrawn before it scrolls into view. */
const MARGIN = '200px';

/**
 * Calls `redraw` on every notification from `subscribe` while `target` is
 * on screen (or within a margin of it). While it is scrolled away (a card's
 * sparkline while a person watches the time charts) a notification only
 * marks it stale, and it redraws once when it comes back into view: what
 * is shown is the same, but no canvas is drawn for nobody. Where there is
 * no IntersectionObserver, every notification redraws. Keep `subscribe`
 * and `redraw` stable (useCallback): a new one re-subscribes.
 */
export function useRedrawWhileVisible(target: RefObject<Element | null>, subscribe: (listener: () => void) => () => void, redraw: () => void): void {
  useEffect(() => {
    const element = target.current;
    let visible = true;
    let stale = false;
    const observer =
      element && typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              visible = entries[entries.length - 1]!.isIntersecting;
              if (visible && stale) {
                stale = false;
                redraw();
              }
            },
            { rootMargin: MARGIN },
          )
        : null;
    if (element) observer?.observe(element);
    const unsubscribe = subscribe(() => {
      if (visible) redraw();
      else stale = true;
    });
    return () => {
      unsubscribe();
      observer?.disconnect();
    };
  }, [target, subscribe, redraw]);
}
