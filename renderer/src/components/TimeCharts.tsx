import { memo, useEffect, useRef, useState } from 'react';
import { LATENCY_WINDOW_MS } from '../../../electron/shared/stat-windows';
import type { LabApi } from '../../../electron/shared/types';
import { backendColour } from '../model/backend-colour';
import { markerFor, type ChartMarker } from '../model/chart-markers';
import { SERIES_SPAN_S, TimeSeries } from '../model/time-series';
import { TimeChart } from './TimeChart';
import './TimeCharts.css';

/** Markers kept at most, whatever the event rate (older ones have left the minute anyway). */
export const MAX_MARKERS = 200;

export interface TimeChartsProps {
  /** The lab; the charts subscribe to its snapshots and events themselves. */
  api: LabApi;
}

/**
 * The last minute over time: requests/s per backend stacked in each
 * backend's colour, the proxy's p50/p99 over its last-second window, and
 * requests in flight per backend, with the lab's events (stopped, crashed,
 * back up, weight, fault, method, hammer) marked on each time axis.
 * Snapshots go into a bounded TimeSeries outside React state: a snapshot
 * re-renders nothing here unless the set of ports changes or a marker
 * leaves the minute; nor does the dashboard's own re-render.
 */
export const TimeCharts = memo(function TimeCharts({ api }: TimeChartsProps) {
  const seriesRef = useRef<TimeSeries | null>(null);
  seriesRef.current ??= new TimeSeries();
  const series = seriesRef.current;
  const [origin] = useState(() => Math.floor(Date.now() / 1000));
  const [portsKey, setPortsKey] = useState('');
  const [markers, setMarkers] = useState<readonly ChartMarker[]>([]);
  const markersRef = useRef(markers);
  markersRef.current = markers;

  useEffect(
    () =>
      api.onSnapshot((snapshot) => {
        series.record(snapshot);
        setPortsKey(series.data().ports.join(','));
        const oldest = markersRef.current[0];
        const from = snapshot.at - SERIES_SPAN_S * 1000;
        if (oldest && oldest.at < from) setMarkers((previous) => previous.filter((m) => m.at >= from));
      }),
    [api, series],
  );

  useEffect(() => {
    const unsubscribe = api.onEvent((event) => {
      const marker = markerFor(event);
      // React batches the replayed history (one synchronous burst) into one render.
      if (marker) setMarkers((previous) => [...previous.filter((m) => m.seq !== marker.seq), marker].slice(-MAX_MARKERS));
    });
    return () => {
      unsubscribe();
      // A new subscription replays the history.
      setMarkers([]);
    };
  }, [api]);

  const ports = portsKey === '' ? [] : portsKey.split(',').map(Number);
  return (
    <section className="panel time-charts" aria-labelledby="time-charts-title">
      <h2 id="time-charts-title">Last minute</h2>
      {ports.length > 0 && (
        <ul className="time-charts__legend" aria-label="Backend colours">
          {ports.map((port) => (
            <li key={port}>
              <span className="time-charts__swatch" style={{ background: backendColour(port) }} aria-hidden="true" />
              {port}
            </li>
          ))}
        </ul>
      )}
      <TimeChart kind="rps" title="Requests/s per backend (stacked)" portsKey={portsKey} series={series} markers={markers} origin={origin} />
      <TimeChart kind="latency" title={`Latency p50 and p99 (ms, over the last ${LATENCY_WINDOW_MS / 1000} s)`} portsKey={portsKey} series={series} markers={markers} origin={origin} />
      <TimeChart kind="inFlight" title="In flight per backend" portsKey={portsKey} series={series} markers={markers} origin={origin} />
    </section>
  );
});
