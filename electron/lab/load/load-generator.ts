import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IDLE_LOAD, loadInputSchema, loadPlan, plannedRequests, plannedSeconds, type LoadProgress, type LoadStatus } from '../../shared/load';
import { parseInput } from '../../shared/schemas';
import { LabError } from '../lab-error';
import type { LoadTarget } from './load-run';
import type { FromWorker } from './messages';
import { forkWorker, type SpawnWorker, type WorkerProcess } from './worker-process';

/** Progress messages from the worker: 10 a second, like the lab's snapshots. */
export const PROGRESS_INTERVAL_MS = 100;

export interface LoadGeneratorOptions {
  /** The built worker script; default out/main/load-worker.js, found from this module's bundle. */
  workerPath?: string;
  /** How the worker process is started (default child_process.fork). */
  spawn?: SpawnWorker;
  progressIntervalMs?: number;
}

/**
 * out/main/load-worker.js as seen from the bundle this module lands in:
 * an entry in out/main/ or a chunk shared by the entries in out/main/chunks/.
 */
function defaultWorkerPath(): string {
  // The last one is the build seen from this source file, for a lab run from source (the tests).
  const candidates = ['./load-worker.js', '../load-worker.js', '../../../out/main/load-worker.js'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

/**
 * The hammer as the lab sees it: one run at a time in a process of its
 * own, always aimed at the target the lab passes (its own proxy). Progress
 * comes from the worker on a fixed cadence, never per request.
 */
export class LoadGenerator {
  private readonly workerPath: string;
  private readonly spawn: SpawnWorker;
  private readonly progressIntervalMs: number;
  private current: LoadProgress = IDLE_LOAD;
  private worker: WorkerProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(progress: LoadProgress) => void>();
  private readonly endWaiters = new Set<(status: LoadStatus) => void>();

  constructor(options: LoadGeneratorOptions = {}) {
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.spawn = options.spawn ?? forkWorker;
    this.progressIntervalMs = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  }

  /**
   * Validate `input` (loadInputSchema) and start a run against `target`.
   * Throws LabError: 400 naming the field, 409 while a run is on.
   */
  start(input: unknown, target: LoadTarget): LoadStatus {
    const parsed = parseInput(loadInputSchema, input ?? {}, 'load');
    if (!parsed.ok) throw new LabError(parsed.error, 400, parsed.field);
    if (this.worker) throw new LabError('the hammer is already running: stop it first', 409, 'load');
    if (!existsSync(this.workerPath)) throw new LabError(`the load worker ${this.workerPath} is missing: build the app first`, 500);
    const plan = loadPlan(parsed.value);
    const worker = this.spawn(this.workerPath);
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.onExit(resolve));
    void this.exited.then(() => this.onWorkerExit(worker));
    worker.onMessage((message) => this.onMessage(worker, message));
    this.update({ ...IDLE_LOAD, state: 'running', plannedS: plannedSeconds(plan), plannedRequests: plannedRequests(plan) });
    worker.send({ type: 'start', plan, target, progressIntervalMs: this.progressIntervalMs });
    return this.status();
  }

  /** Stop sending; resolves with the final status once the requests in flight are done (about a second at most). */
  async stop(): Promise<LoadStatus> {
    if (!this.worker) return this.status();
    const ended = this.whenEnded();
    this.worker.send({ type: 'stop' });
    return ended;
  }

  /** Resolves with the status when the current run ends (at once when none is on). */
  whenEnded(): Promise<LoadStatus> {
    if (!this.worker) return Promise.resolve(this.status());
    return new Promise((resolve) => this.endWaiters.add(resolve));
  }

  /** `GET /api/load`: exactly the documented fields. */
  status(): LoadStatus {
    const { state, sent, answered, rate, errors, result } = this.current;
    return { state, sent, answered, rate, errors: { ...errors }, ...(result ? { result } : {}) };
  }

  /** The status plus what a progress bar needs; what the lab's snapshot carries. */
  progress(): LoadProgress {
    return this.current;
  }

  /** Called on every progress message (about every progressIntervalMs) and at the end; returns the unsubscribe. */
  onProgress(listener: (progress: LoadProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Kill the worker at once (lab shutdown); resolves when it is gone. */
  async shutdown(): Promise<void> {
    this.worker?.kill();
    await this.exited;
  }

  private onMessage(worker: WorkerProcess, message: FromWorker): void {
    if (worker !== this.worker) return;
    this.update(message.progress);
  }

  private onWorkerExit(worker: WorkerProcess): void {
    if (worker !== this.worker) return;
    this.worker = null;
    // Ended without its final report (killed, crashed): what it sent so far stands, as stopped.
    if (this.current.state === 'running') this.update({ ...this.current, state: 'stopped', rate: 0 });
    const status = this.status();
    for (const resolve of this.endWaiters) resolve(status);
    this.endWaiters.clear();
  }

  private update(progress: LoadProgress): void {
    this.current = progress;
    for (const listener of this.listeners) listener(progress);
  }
}
