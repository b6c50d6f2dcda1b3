import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { useColorScheme } from '../hooks/use-color-scheme';
import { useRedrawWhileVisible } from '../hooks/use-redraw-while-visible';
import { cssColor } from '../model/css-color';
import { frameCoalescer } from '../model/frame-coalescer';
import { RATE_SAMPLES, type RateHistory } from '../model/rate-history';
import { UPlotChart } from './UPlotChart';

const HEIGHT = 30;

function sparklineOptions(): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    pxAlign: false,
    cursor: { show: false },
    legend: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      // The last minute, newest at the right edge, even before it is full.
      x: { time: false, range: (_u, _min, max) => [max - (RATE_SAMPLES - 1), max] },
      // A little room below 0, so an idle port still shows its flat line.
      y: { range: (_u, _min, max) => [-0.06 * Math.max(1, max), Math.max(1, max * 1.1)] },
    },
    axes: [{ show: false }, { show: false }],
    series: [
      {},
      {
        stroke: cssColor('--chart-rate', '#2563eb'),
        fill: cssColor('--chart-rate-fill', 'rgba(37, 99, 235, 0.15)'),
        width: 1.5,
        points: { show: false },
      },
    ],
  };
}

/**
 * Requests/s of one port over the last minute. Redraws itself from the
 * shared RateHistory on every snapshot (setData on the uPlot instance), so
 * the row around it re-renders only when its own numbers change; while the
 * card is scrolled out of view it waits, and draws the latest minute when
 * it comes back.
 */
export const RpsSparkline = memo(function RpsSparkline({ port, history }: { port: number; history: RateHistory }) {
  const chartRef = useRef<uPlot | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  // Canvas colours come from CSS variables: read them again when the theme flips.
  const options = useMemo(() => sparklineOptions(), [scheme]);
  const subscribe = useCallback((listener: () => void) => history.subscribe(listener), [history]);
  // Drawn in the frame that shows the snapshot's numbers, once a frame.
  const frame = useMemo(() => frameCoalescer(() => chartRef.current?.setData(history.data(port))), [history, port]);
  useEffect(() => frame.cancel, [frame]);
  useRedrawWhileVisible(container, subscribe, frame.request);
  return <UPlotChart className="sparkline" options={options} data={history.data(port)} height={HEIGHT} chartRef={chartRef} containerRef={container} />;
});
