import type { Snapshot } from '../../shared/types';

/** One backend's counters at one moment. */
export interface BackendReading {
  hits: number;
  failures: number;
  fiveXx: number;
  /** Lines of its terminal output containing each text a step's checks look for. */
  logged: Map<string, number>;
}

/** The counters a step's checks compare, read at one moment. */
export interface StepReading {
  requests: number;
  errors: number;
  backends: Map<number, BackendReading>;
}

/** Read the counters from `snapshot`; `terminal(port)` is that backend's recent output, for the texts in `watch`. */
export function readStep(snapshot: Snapshot, terminal: (port: number) => string, watch: ReadonlyMap<number, readonly string[]>): StepReading {
  const backends = new Map<number, BackendReading>();
  for (const backend of snapshot.backends) {
    const texts = watch.get(backend.port) ?? [];
    const output = texts.length > 0 ? terminal(backend.port) : '';
    backends.set(backend.port, {
      hits: backend.hits,
      failures: backend.failures,
      fiveXx: backend.responses['5xx'],
      logged: new Map(texts.map((text) => [text, countLines(output, text)])),
    });
  }
  return { requests: snapshot.proxy.requests, errors: snapshot.proxy.errors, backends };
}

/** How much a backend's counter grew from `before` to `after`: all of it for a backend added since, 0 for one removed. */
export function grew(before: StepReading, after: StepReading, port: number, pick: (b: BackendReading) => number): number {
  const a = after.backends.get(port);
  const b = before.backends.get(port);
  return a && b ? pick(a) - pick(b) : a ? pick(a) : 0;
}

/** Requests answered by any backend between the two readings. */
export function answered(before: StepReading, after: StepReading): number {
  let total = 0;
  for (const port of after.backends.keys()) total += grew(before, after, port, (b) => b.hits);
  return total;
}

function countLines(output: string, text: string): number {
  let n = 0;
  for (const line of output.split('\n')) if (line.includes(text)) n++;
  return n;
}
