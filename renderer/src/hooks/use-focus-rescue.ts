import { useEffect, useRef, type RefObject } from 'react';

/**
 * Keeps keyboard focus inside `container` when the button that had it gets
 * disabled (Stop is disabled once the backend has stopped, and every button
 * of a row while its action runs): the browser would drop focus to the page.
 * Call `armed()` from a keyboard-started click; moving focus elsewhere disarms it.
 */
export function useFocusRescue(container: RefObject<HTMLElement | null>): { arm: () => void } {
  const armed = useRef(false);
  useEffect(() => {
    if (!armed.current) return;
    const active = document.activeElement;
    // Browsers differ: focus falls to <body>, or stays on the now-disabled button.
    const lost = active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
    if (!lost) {
      if (!container.current?.contains(active)) armed.current = false;
      return;
    }
    container.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
  });
  return {
    arm: () => {
      armed.current = true;
    },
  };
}
