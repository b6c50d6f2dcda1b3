let supported: boolean | null = null;

/**
 * Whether this document can draw on a 2D canvas. uPlot needs one; DOM-only
 * environments (happy-dom in the component tests) have none, and there the
 * charts render nothing while every number stays in the DOM as text.
 */
export function canDrawCanvas(): boolean {
  if (supported === null) {
    try {
      supported = document.createElement('canvas').getContext('2d') !== null;
    } catch {
      supported = false;
    }
  }
  return supported;
}
