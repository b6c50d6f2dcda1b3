import type uPlot from 'uplot';
import type { Snapshot } from '../../../electron/shared/types';

/** One sample per this many milliseconds; the newest sample follows every snapshot until its slot ends. */
export const RATE_SAMPLE_MS = 1000;
/** Samples kept per port: the last minute. */
export const RATE_SAMPLES = 60;

interface Series {
  slots: number[];
  rates: number[];
}

/**
 * The last minute of requests/s per port, for the sparklines. Lives outside
 * React state (in a ref): recording a snapshot re-renders nothing; each
 * sparkline redraws itself through `subscribe`.
 */
export class RateHistory {
  private readonly series = new Map<number, Series>();
  private readonly listeners = new Set<() => void>();

  record(snapshot: Snapshot): void {
    const slot = Math.floor(snapshot.at / RATE_SAMPLE_MS);
    const present = new Set<number>();
    for (const backend of snapshot.backends) {
      present.add(backend.port);
      let series = this.series.get(backend.port);
      if (!series) {
        series = { slots: [], rates: [] };
        this.series.set(backend.port, series);
      }
      const last = series.slots.length - 1;
      if (last >= 0 && series.slots[last] === slot) {
        series.rates[last] = backend.rps;
      } else {
        series.slots.push(slot);
        series.rates.push(backend.rps);
        if (series.slots.length > RATE_SAMPLES) {
          series.slots.shift();
          series.rates.shift();
        }
      }
    }
    for (const port of this.series.keys()) if (!present.has(port)) this.series.delete(port);
    for (const listener of this.listeners) listener();
  }

  /** uPlot data for one port: [slot numbers, requests/s]. */
  data(port: number): uPlot.AlignedData {
    const series = this.series.get(port);
    return series ? [series.slots, series.rates] : [[], []];
  }

  /** Called after every recorded snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
