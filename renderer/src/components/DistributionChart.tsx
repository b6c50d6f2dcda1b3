import { useMemo } from 'react';
import uPlot from 'uplot';
import { useColorScheme } from '../hooks/use-color-scheme';
import { cssColor } from '../model/css-color';
import type { TrafficShare } from '../model/traffic-share';
import { UPlotChart } from './UPlotChart';

const HEIGHT = 150;

function distributionOptions(ports: readonly number[]): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = cssColor('--chart-axis', '#5b6470');
  const grid = cssColor('--chart-grid', '#e5e7eb');
  const font = '11px system-ui, sans-serif';
  return {
    cursor: { show: false },
    legend: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: [8, 4, 0, 0],
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
        splits: () => ports.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => String(ports[i] ?? '')),
      },
      { stroke: axis, font, size: 36, grid: { stroke: grid, width: 1 }, ticks: { show: false }, splits: () => [0, 25, 50, 75, 100], values: (_u, splits) => splits.map((v) => `${v}%`) },
    ],
    series: [
      {},
      {
        label: 'expected',
        fill: cssColor('--chart-expected', '#94a3b8'),
        stroke: cssColor('--chart-expected', '#94a3b8'),
        paths: uPlot.paths.bars!({ size: [0.36, 48], align: -1 }),
        points: { show: false },
      },
      {
        label: 'observed',
        fill: cssColor('--chart-observed', '#2563eb'),
        stroke: cssColor('--chart-observed', '#2563eb'),
        paths: uPlot.paths.bars!({ size: [0.36, 48], align: 1 }),
        points: { show: false },
      },
    ],
  };
}

/** Expected against observed share per port as grouped bars (expected left, observed right). */
export function DistributionChart({ shares }: { shares: readonly TrafficShare[] }) {
  const scheme = useColorScheme();
  const portsKey = shares.map((s) => s.port).join(',');
  // New ports or a theme change rebuild the chart; new numbers only call setData.
  const options = useMemo(() => distributionOptions(portsKey.split(',').map(Number)), [portsKey, scheme]);
  const data = useMemo(
    (): uPlot.AlignedData => [shares.map((_, i) => i), shares.map((s) => s.expected * 100), shares.map((s) => (s.observed ?? 0) * 100)],
    [shares],
  );
  return <UPlotChart className="distribution-chart" options={options} data={data} height={HEIGHT} />;
}
