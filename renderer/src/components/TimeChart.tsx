import { memo, useEffect, useMemo, useRef, type RefObject } from 'react';
import type uPlot from 'uplot';
import { useColorScheme } from '../hooks/use-color-scheme';
import { backendColour } from '../model/backend-colour';
import { MARKER_NAMES, type ChartMarker, type MarkerKind } from '../model/chart-markers';
import { clockLabel } from '../model/clock-label';
import { cssColor } from '../model/css-color';
import { frameCoalescer } from '../model/frame-coalescer';
import { SERIES_SPAN_S, type SeriesData, type TimeSeries } from '../model/time-series';
import { UPlotChart } from './UPlotChart';

/** Which of the three charts. */
export type TimeChartKind = 'rps' | 'latency' | 'inFlight';

const HEIGHT = 120;

/** One glyph and colour per marker kind: the glyph on the time axis, the colour for it and its line across the plot. */
export const MARKER_STYLE: Record<MarkerKind, { glyph: string; colour: string }> = {
  stopped: { glyph: '■', colour: '#6b7280' },
  crashed: { glyph: '✕', colour: '#dc2626' },
  'back-up': { glyph: '▲', colour: '#16a34a' },
  weight: { glyph: 'W', colour: '#7c3aed' },
  'fault-set': { glyph: '⚡', colour: '#ea580c' },
  'fault-cleared': { glyph: '✓', colour: '#0891b2' },
  method: { glyph: 'M', colour: '#2563eb' },
  'hammer-start': { glyph: '▶', colour: '#b45309' },
  'hammer-stop': { glyph: '❚❚', colour: '#b45309' },
};

// One formatter for every marker title.
const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

function pick(kind: TimeChartKind, data: SeriesData): uPlot.AlignedData {
  return kind === 'rps' ? data.rpsStacked : kind === 'latency' ? data.latency : data.inFlight;
}

function chartSeries(kind: TimeChartKind, ports: readonly number[]): uPlot.Series[] {
  if (kind === 'latency') {
    return [
      { label: 'p50', stroke: cssColor('--chart-p50', '#2563eb'), width: 1.5, points: { show: false } },
      { label: 'p99', stroke: cssColor('--chart-p99', '#dc2626'), width: 1.5, points: { show: false } },
    ];
  }
  if (kind === 'rps') {
    // Top of the stack first (see SeriesData.rpsStacked): each band is filled to zero over the one above it.
    return [...ports].reverse().map((port) => ({ label: String(port), fill: backendColour(port), width: 0, points: { show: false } }));
  }
  return ports.map((port) => ({ label: String(port), stroke: backendColour(port), width: 1, points: { show: false } }));
}

function chartOptions(kind: TimeChartKind, ports: readonly number[], markers: RefObject<readonly ChartMarker[]>, onSize: (u: uPlot) => void): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = cssColor('--chart-axis', '#5b6470');
  const grid = cssColor('--chart-grid', '#e5e7eb');
  const font = '11px system-ui, sans-serif';
  const unit = kind === 'latency' ? ' ms' : '';
  return {
    cursor: { show: false },
    legend: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    // Room on the right for half of the newest clock label, which is centred on the plot's edge.
    padding: [6, 26, 0, 0],
    scales: {
      // The last minute, newest at the right edge, even before it is full.
      x: { time: true, range: (_u, _min, max) => (max === null ? [Date.now() / 1000 - SERIES_SPAN_S, Date.now() / 1000] : [max - SERIES_SPAN_S, max]) },
      y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] },
    },
    axes: [
      // One line of wall-clock time per split: uPlot's default adds a date row that a short chart clips.
      { stroke: axis, font, size: 24, space: 70, grid: { stroke: grid, width: 1 }, ticks: { show: false }, values: (_u, splits) => splits.map(clockLabel) },
      { stroke: axis, font, size: 44, grid: { stroke: grid, width: 1 }, ticks: { show: false }, values: (_u, splits) => splits.map((v) => `${v}${unit}`) },
    ],
    series: [{}, ...chartSeries(kind, ports)],
    hooks: {
      setSize: [onSize],
      ready: [onSize],
      draw: [(u) => drawMarkerLines(u, markers.current ?? [])],
    },
  };
}

/** A thin line across the plot at each marker, in its kind's colour. */
function drawMarkerLines(u: uPlot, markers: readonly ChartMarker[]): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  for (const marker of markers) {
    const x = u.valToPos(marker.at / 1000, 'x', true);
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.strokeStyle = MARKER_STYLE[marker.kind].colour;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

export interface TimeChartProps {
  kind: TimeChartKind;
  title: string;
  /** The ports drawn, as "4000,4001"; a new set rebuilds the chart (new numbers never do). */
  portsKey: string;
  series: TimeSeries;
  markers: readonly ChartMarker[];
  /** Seconds since the epoch that marker positions are measured from (fixed for the component's life). */
  origin: number;
}

/**
 * One chart of the last minute with the event markers on its time axis.
 * The uPlot instance is created once per port set and theme and then fed
 * with setData from the shared TimeSeries, in the next animation frame
 * (once a frame, however many snapshots came); the markers are DOM glyphs
 * in a strip slid along with the time axis (a transform per snapshot, no
 * React render), each naming its event on hover and to screen readers.
 */
export const TimeChart = memo(function TimeChart({ kind, title, portsKey, series, markers, origin }: TimeChartProps) {
  const chartRef = useRef<uPlot | null>(null);
  const overlay = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  const markersRef = useRef<readonly ChartMarker[]>(markers);
  markersRef.current = markers;
  const scheme = useColorScheme();
  const options = useMemo(() => {
    const ports = portsKey === '' ? [] : portsKey.split(',').map(Number);
    // The marker strip covers the plot area exactly, wherever uPlot put it.
    const onSize = (u: uPlot): void => {
      const box = overlay.current;
      if (!box) return;
      box.style.left = u.over.style.left;
      box.style.top = u.over.style.top;
      box.style.width = u.over.style.width;
      box.style.height = u.over.style.height;
    };
    return chartOptions(kind, ports, markersRef, onSize);
  }, [kind, portsKey, scheme]);

  useEffect(() => {
    const update = (): void => {
      const data = series.data();
      chartRef.current?.setData(pick(kind, data));
      if (strip.current && data.end !== null) strip.current.style.transform = `translateX(${(-(data.end - SERIES_SPAN_S - origin) / SERIES_SPAN_S) * 100}%)`;
    };
    update();
    // Each snapshot's redraw waits for the frame that shows the snapshot's numbers, so the canvas costs no frame of its own.
    const frame = frameCoalescer(update);
    const unsubscribe = series.subscribe(frame.request);
    return () => {
      unsubscribe();
      frame.cancel();
    };
  }, [series, kind, origin, options]);

  return (
    <figure className={`time-chart time-chart--${kind}`}>
      <figcaption className="time-chart__title">{title}</figcaption>
      <div className="time-chart__body">
        <UPlotChart className="time-chart__plot" options={options} data={pick(kind, series.data())} height={HEIGHT} chartRef={chartRef} />
        <div ref={overlay} className="time-chart__markers">
          <div ref={strip} className="time-chart__strip">
            {markers.map((marker) => (
              <span
                key={marker.seq}
                className={`time-marker time-marker--${marker.kind}`}
                style={{ left: `${((marker.at / 1000 - origin) / SERIES_SPAN_S) * 100}%`, color: MARKER_STYLE[marker.kind].colour }}
                role="img"
                tabIndex={0}
                aria-label={`${MARKER_NAMES[marker.kind]}: ${marker.message}`}
                title={`${CLOCK.format(marker.at)} ${MARKER_NAMES[marker.kind]}: ${marker.message}`}
              >
                {MARKER_STYLE[marker.kind].glyph}
              </span>
            ))}
          </div>
        </div>
      </div>
    </figure>
  );
});
