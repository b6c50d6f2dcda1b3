import type uPlot from 'uplot';
import type { Snapshot } from '../../../electron/shared/types';

/** One point per this many milliseconds: 10 a second. */
export const SERIES_POINT_MS = 100;
/** The charts' span: the last minute. */
export const SERIES_SPAN_S = 60;
/** Points kept: the span at 10 a second. */
export const SERIES_CAPACITY = (SERIES_SPAN_S * 1000) / SERIES_POINT_MS;

/** One port's columns in the ring; NaN where the port was absent from that snapshot. */
interface PortColumns {
  rps: Float64Array;
  inFlight: Float64Array;
  /** The absolute index of the newest point it was in; the port is dropped once that point leaves the ring. */
  lastSeen: number;
}

/** What the three charts draw, oldest point first; x in seconds since the epoch (uPlot's time scale). */
export interface SeriesData {
  ports: readonly number[];
  /**
   * [time, then per port the sum of requests/s of that port and every port
   * before it, the last port (the top of the stack) first, so a chart that
   * fills each series to zero draws every band over the one above it].
   */
  rpsStacked: uPlot.AlignedData;
  /** [time, p50, p99] of the proxy's last-second window, null where no response finished. */
  latency: uPlot.AlignedData;
  /** [time, then per port its requests in flight, null where it was absent]. */
  inFlight: uPlot.AlignedData;
  /** Newest point's time, seconds; null while empty. */
  end: number | null;
}

/**
 * The last minute of snapshots at 10 points a second, for the time charts:
 * a fixed-size ring of typed arrays, outside React state. A snapshot in the
 * same 100 ms slot as the previous replaces it (a faster snapshot cadence
 * adds no points); older points fall off the ring, never grow it.
 */
export class TimeSeries {
  private readonly times = new Float64Array(SERIES_CAPACITY);
  private readonly p50 = new Float64Array(SERIES_CAPACITY);
  private readonly p99 = new Float64Array(SERIES_CAPACITY);
  private readonly byPort = new Map<number, PortColumns>();
  /** Absolute index of the next point; the ring holds [next - length, next). */
  private next = 0;
  private lastSlot = Number.NaN;
  private cached: SeriesData | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly capacity = SERIES_CAPACITY) {
    if (capacity > SERIES_CAPACITY) throw new RangeError(`capacity is at most ${SERIES_CAPACITY}`);
  }

  /** Points held now, at most the capacity. */
  get length(): number {
    return Math.min(this.next, this.capacity);
  }

  record(snapshot: Snapshot): void {
    const slot = Math.floor(snapshot.at / SERIES_POINT_MS);
    if (slot !== this.lastSlot) this.next++;
    this.lastSlot = slot;
    const index = this.next - 1;
    const at = index % this.capacity;
    this.times[at] = snapshot.at / 1000;
    const latency = snapshot.proxy.latencyWindowMs;
    this.p50[at] = latency?.p50 ?? Number.NaN;
    this.p99[at] = latency?.p99 ?? Number.NaN;
    // Absent unless this snapshot has it (a replaced point may have had ports this one lacks).
    for (const columns of this.byPort.values()) {
      columns.rps[at] = Number.NaN;
      columns.inFlight[at] = Number.NaN;
    }
    for (const backend of snapshot.backends) {
      let columns = this.byPort.get(backend.port);
      if (!columns) {
        columns = { rps: new Float64Array(this.capacity).fill(Number.NaN), inFlight: new Float64Array(this.capacity).fill(Number.NaN), lastSeen: index };
        this.byPort.set(backend.port, columns);
      }
      columns.rps[at] = backend.rps;
      columns.inFlight[at] = backend.inFlight;
      columns.lastSeen = index;
    }
    for (const [port, columns] of this.byPort) if (columns.lastSeen < this.next - this.capacity) this.byPort.delete(port);
    this.cached = null;
    for (const listener of this.listeners) listener();
  }

  /** The charts' data, oldest first; computed once per recorded snapshot. */
  data(): SeriesData {
    this.cached ??= this.compute();
    return this.cached;
  }

  /** Called after every recorded snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private compute(): SeriesData {
    const length = this.length;
    const first = (this.next - length) % this.capacity;
    const ports = [...this.byPort.keys()].sort((a, b) => a - b);
    const column = (source: Float64Array): (number | null)[] => {
      const out = new Array<number | null>(length);
      for (let i = 0, at = first; i < length; i++, at = at + 1 === this.capacity ? 0 : at + 1) {
        const value = source[at]!;
        out[i] = Number.isNaN(value) ? null : value;
      }
      return out;
    };
    const time = column(this.times) as number[];
    const running = new Array<number>(length).fill(0);
    const stacked = ports.map((port) => {
      const rps = column(this.byPort.get(port)!.rps);
      for (let i = 0; i < length; i++) running[i]! += rps[i] ?? 0;
      return running.slice();
    });
    return {
      ports,
      rpsStacked: [time, ...stacked.reverse()],
      latency: [time, column(this.p50), column(this.p99)],
      inFlight: [time, ...ports.map((port) => column(this.byPort.get(port)!.inFlight))],
      end: length > 0 ? time[length - 1]! : null,
    };
  }
}
