import { useMemo } from 'react';
import uPlot from 'uplot';
import { useColorScheme } from '../hooks/use-color-scheme';
import { cssColor } from '../model/css-color';
import type { TrafficShare } from '../model/traffic-share';
import { UPlotChart } from './UPlotChart';

const HEIGHT = 150;
/** Room one port label needs (five digits and a gap at 11 px). */
const LABEL_PX = 42;

/** The slots that get a label: every one when they fit, else every 2nd, 3rd, … so 16 ports never print over each other. */
export function labelledSlots(count: number, plotWidthPx: number): number[] {
  const step = plotWidthPx > 0 ? Math.max(1, Math.ceil(LABEL_PX / (plotWidthPx / count))) : 1;
  return Array.from({ length: count }, (_, i) => i).filter((i) => i % step === 0);
}
/** Where each port's three bars sit around its slot: expected, since reset, last 10 s. */
const OFFSETS = [-0.3, 0, 0.3] as const;

function distributionOptions(ports: readonly number[]): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = cssColor('--chart-axis', '#5b6470');
  const grid = cssColor('--chart-grid', '#e5e7eb');
  const font = '11px system-ui, sans-serif';
  return {
    cursor: { show: false },
    legend: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    // Room on the right for half of the last port's label when its slot is narrower than the label.
    padding: [8, 14, 0, 0],
    scales: {
      x: { time: false, range: () => [-0.5, ports.length - 0.5] },
      y: { range: () => [0, 100] },
    },
    axes: [
      {
        stroke: axis,
        font,
        size: 22,
        grid: { show: false },
        ticks: { show: false },
        splits: (u) => labelledSlots(ports.length, u.bbox.width / devicePixelRatio),
        values: (_u, splits) => splits.map((i) => String(ports[i] ?? '')),
      },
      { stroke: axis, font, size: 36, grid: { stroke: grid, width: 1 }, ticks: { show: false }, splits: () => [0, 25, 50, 75, 100], values: (_u, splits) => splits.map((v) => `${v}%`) },
    ],
    series: [
      {},
      bars('expected', cssColor('--chart-expected', '#94a3b8')),
      bars('observed', cssColor('--chart-observed', '#2563eb')),
      bars('last 10 s', cssColor('--chart-recent', '#0d9488')),
    ],
  };
}

/**
 * One bar series. Each port's three bars have x values of their own (its
 * slot plus OFFSETS), so uPlot's column width is the offset and the bars
 * sit side by side; a series is null at the other two.
 */
function bars(label: string, colour: string): uPlot.Series {
  return { label, fill: colour, stroke: colour, paths: uPlot.paths.bars!({ size: [0.9, 40] }), points: { show: false } };
}

/** Grouped bars per port: expected left, observed since the last reset in the middle, the last 10 s right. */
export function DistributionChart({ shares }: { shares: readonly TrafficShare[] }) {
  const scheme = useColorScheme();
  const portsKey = shares.map((s) => s.port).join(',');
  // New ports or a theme change rebuild the chart; new numbers only call setData.
  const options = useMemo(() => distributionOptions(portsKey.split(',').map(Number)), [portsKey, scheme]);
  const data = useMemo(
    (): uPlot.AlignedData => {
      const values = [(s: TrafficShare) => s.expected, (s: TrafficShare) => s.observed ?? 0, (s: TrafficShare) => s.recent ?? 0];
      const x = shares.flatMap((_, i) => OFFSETS.map((offset) => i + offset));
      const series = values.map((value, which) => shares.flatMap((s) => OFFSETS.map((_, slot) => (slot === which ? value(s) * 100 : null))));
      return [x, ...series];
    },
    [shares],
  );
  return <UPlotChart className="distribution-chart" options={options} data={data} height={HEIGHT} />;
}
