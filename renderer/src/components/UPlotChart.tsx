import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import { canDrawCanvas } from '../model/canvas-support';

export interface UPlotChartProps {
  /** Everything but the size; a new object re-creates the chart (keep it memoised). */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  className?: string;
  /** Receives the live instance, for callers that update it imperatively. */
  chartRef?: RefObject<uPlot | null>;
  /** Receives the container element (to watch whether it is on screen). */
  containerRef?: RefObject<HTMLDivElement | null>;
}

/**
 * The chart's container (`data-testid="uplot"`) carries its live instance
 * as `uplot` while it exists, so an end-to-end test (or devtools) can read
 * what the chart draws (`uplot.data`, `uplot.series`) rather than pixels.
 * Read it; never drive the chart through it.
 */
export type UPlotContainer = HTMLDivElement & { uplot?: uPlot };

/**
 * A thin React wrapper over uPlot: creates the chart on mount at its
 * container's width, follows resizes, calls setData when `data` changes and
 * destroys it on unmount. Decorative (aria-hidden): callers show the same
 * numbers as text. Draws nothing where there is no canvas.
 */
export function UPlotChart({ options, data, height, className, chartRef, containerRef }: UPlotChartProps) {
  const own = useRef<HTMLDivElement>(null);
  const container = containerRef ?? own;
  const chart = useRef<uPlot | null>(null);
  const latestData = useRef(data);
  latestData.current = data;

  useEffect(() => {
    const element = container.current;
    if (!element || !canDrawCanvas()) return;
    const width = (): number => Math.max(40, Math.floor(element.clientWidth));
    const instance = new uPlot({ ...options, width: width(), height }, latestData.current, element);
    chart.current = instance;
    if (chartRef) chartRef.current = instance;
    (element as UPlotContainer).uplot = instance;
    const resize =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            if (width() !== instance.width) instance.setSize({ width: width(), height });
          })
        : null;
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      instance.destroy();
      delete (element as UPlotContainer).uplot;
      chart.current = null;
      if (chartRef) chartRef.current = null;
    };
  }, [options, height, chartRef, container]);

  // In the commit, not after it: the new data is drawn in the same frame as the numbers of its snapshot.
  useLayoutEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={container} className={className} style={{ height }} aria-hidden="true" data-testid="uplot" />;
}
