// The browser entry of test/bench/charts-frames.mjs (bundled by it with vite, never run by vitest):
// TimeCharts fed by a synthetic lab at 10 snapshots a second with `?backends=N` backends and an event
// every few seconds, its minute already full, so the frames measured are those of all three charts live.
import 'uplot/dist/uPlot.min.css';
import { createRoot } from 'react-dom/client';
import { TimeCharts } from '../../../renderer/src/components/TimeCharts';
import type { BackendSnapshot, LabApi, LabEvent, Snapshot } from '../../../electron/shared/types';

const params = new URLSearchParams(location.search);
const BACKENDS = Number(params.get('backends') ?? 16);
const BASE = 4000;
const TICK_MS = 100;

const snapshotListeners = new Set<(s: Snapshot) => void>();
const eventListeners = new Set<(e: LabEvent) => void>();

function backend(port: number, t: number): BackendSnapshot {
  const wave = 1 + Math.sin(t / 3000 + port);
  return { port, rps: 100 * wave, inFlight: Math.round(4 * wave), hits10s: 0, latencyWindowMs: { p50: 2 * wave, p99: 20 * wave } } as BackendSnapshot;
}

function snapshot(at: number): Snapshot {
  const backends = Array.from({ length: BACKENDS }, (_, i) => backend(BASE + i, at));
  const wave = 1 + Math.sin(at / 5000);
  return { at, proxy: { latencyWindowMs: { p50: 2 * wave, p99: 40 * wave } }, backends } as Snapshot;
}

const api = {
  onSnapshot: (listener: (s: Snapshot) => void) => {
    snapshotListeners.add(listener);
    return () => snapshotListeners.delete(listener);
  },
  onEvent: (listener: (e: LabEvent) => void) => {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  },
} as unknown as LabApi;

/**
 * Script milliseconds of each snapshot: from its arrival to the next task
 * (its record and whatever it queued ahead), plus its redraws, which the
 * charts do in the next animation frame (three setData calls and uPlot's
 * drawing), timed between two frame callbacks asked for before and after
 * the record, without the wait for the frame.
 */
const handled: number[] = [];
(globalThis as { chartBench?: { handled: number[] } }).chartBench = { handled };

let seq = 0;
function emit(at: number): void {
  const started = performance.now();
  let task: number | null = null;
  let frame: number | null = null;
  const done = (): void => {
    if (task !== null && frame !== null) handled.push(task + frame);
  };
  let before = 0;
  requestAnimationFrame(() => {
    before = performance.now();
  });
  const s = snapshot(at);
  snapshotListeners.forEach((l) => l(s));
  requestAnimationFrame(() => {
    frame = performance.now() - before;
    done();
  });
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    task = performance.now() - started;
    done();
  };
  channel.port2.postMessage(null);
}

createRoot(document.getElementById('root')!).render(<TimeCharts api={api} />);

// Fill the minute first, then run live at 10 Hz with an event every 3 s.
const start = Date.now() - 60_000;
setTimeout(() => {
  for (let at = start; at < Date.now(); at += TICK_MS) emit(at);
  setInterval(() => emit(Date.now()), TICK_MS);
  setInterval(() => {
    const port = BASE + (seq % BACKENDS);
    const event: LabEvent = { seq: ++seq, at: Date.now(), port, kind: seq % 2 ? 'crashed' : 'up', message: seq % 2 ? `${port} crashed (SIGKILL)` : `${port} back up (pid 1)` };
    eventListeners.forEach((l) => l(event));
  }, 3000);
  document.body.dataset.live = 'yes';
}, 200);
