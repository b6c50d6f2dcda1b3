import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { plannedRequests, plannedSeconds, type LoadPlan, type LoadProgress, type LoadState } from '../../shared/load';
import { RollingRate } from '../stats/rolling-rate';
import { ArrivalSchedule } from './arrival-schedule';
import { LoadTally } from './load-tally';
import { RequestMix } from './request-mix';
import { sendRequest, type SendOptions } from './send-request';

/** How long a stopped run waits for the requests in flight before it cuts them off (counted as `other`). */
export const STOP_GRACE_MS = 1_000;

export interface LoadTarget {
  host: string;
  port: number;
}

export interface LoadRunOptions {
  plan: LoadPlan;
  target: LoadTarget;
  /** Called about every `progressIntervalMs` while the run is on. */
  onProgress: (progress: LoadProgress) => void;
  progressIntervalMs?: number;
  /** Milliseconds; the schedule and every latency read it. */
  now?: () => number;
}

/**
 * One run of the hammer, in the worker process: undici's Pool does the HTTP
 * (connections, keep-alive, parsing), this class only decides when each
 * request leaves and counts what came back.
 */
export class LoadRun {
  private readonly plan: LoadPlan;
  private readonly now: () => number;
  private readonly pool: Pool;
  private readonly tally = new LoadTally();
  private readonly mix: RequestMix;
  private readonly send: SendOptions;
  private readonly rate = new RollingRate();
  private startMs = 0;
  private lastSettledMs = 0;
  private stopping = false;
  private onStop: () => void = () => {};
  private readonly stopped = new Promise<void>((resolve) => (this.onStop = resolve));
  private idleWaiter: (() => void) | null = null;

  constructor(private readonly options: LoadRunOptions) {
    this.plan = options.plan;
    this.now = options.now ?? (() => performance.now());
    this.mix = new RequestMix(this.plan);
    this.send = { method: this.plan.method, keepAlive: this.plan.keepAlive };
    this.pool = new Pool(`http://${options.target.host}:${options.target.port}`, { connections: this.plan.connections, pipelining: 1 });
  }

  /** Send the plan's load; resolves with the final progress (state `done` or `stopped`, with its result). */
  async run(): Promise<LoadProgress> {
    this.startMs = this.now();
    this.lastSettledMs = this.startMs;
    const ticker = setInterval(() => this.options.onProgress(this.progress('running')), this.options.progressIntervalMs ?? 100);
    try {
      await Promise.race([this.plan.mode === 'open' ? this.openLoop() : this.closedLoop(), this.stopped]);
      await Promise.race([this.idle(), this.stopped.then(() => sleep(STOP_GRACE_MS))]);
      const lastMs = this.lastSettledMs;
      await this.pool.destroy();
      await this.idle();
      const durationS = (lastMs - this.startMs) / 1000;
      return { ...this.progress(this.stopping ? 'stopped' : 'done', durationS), result: this.tally.result(durationS) };
    } finally {
      clearInterval(ticker);
    }
  }

  /** Send nothing more; requests in flight get STOP_GRACE_MS to finish. */
  stop(): void {
    this.stopping = true;
    this.onStop();
  }

  private progress(state: LoadState, elapsedS = (this.now() - this.startMs) / 1000): LoadProgress {
    const { sent, answered, errors } = this.tally;
    return {
      state,
      sent,
      answered,
      rate: Math.round(this.rate.sample(answered, this.now()) * 10) / 10,
      errors: { ...errors },
      elapsedS: Math.round(elapsedS * 1000) / 1000,
      plannedS: plannedSeconds(this.plan),
      plannedRequests: plannedRequests(this.plan),
    };
  }

  private request(sinceMs: number): Promise<void> {
    return sendRequest(this.pool, this.mix.next(), this.send, this.tally, sinceMs, this.now).then(() => {
      this.lastSettledMs = this.now();
      if (this.tally.outstanding === 0) this.idleWaiter?.();
    });
  }

  private idle(): Promise<void> {
    if (this.tally.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idleWaiter = resolve));
  }

  /**
   * Requests leave at their scheduled times. A request whose time has come
   * while every connection is busy leaves as soon as one is free, and its
   * latency still counts from the scheduled time (wrk2's correction).
   * Arrivals still waiting when the duration is over are never sent.
   */
  private openLoop(): Promise<void> {
    const schedule = new ArrivalSchedule(this.plan, this.startMs);
    const connections = this.plan.connections;
    // Past the duration nothing more leaves, backlog or not (as wrk2): an overloaded run still ends on time.
    const endMs = this.startMs + this.plan.durationS * 1000;
    let next = 0;
    let timer: NodeJS.Timeout | null = null;
    let waitingForConnection = false;
    return new Promise((resolve) => {
      const pump = (): void => {
        timer = null;
        const now = this.now();
        if (this.stopping || now >= endMs) return resolve();
        const due = schedule.dueBy(now);
        while (next < due && this.tally.outstanding < connections) {
          void this.request(schedule.timeOf(next++)).then(() => waitingForConnection && pump());
        }
        if (next >= schedule.total) return resolve();
        waitingForConnection = next < due;
        if (!waitingForConnection) timer = setTimeout(pump, Math.max(0, schedule.timeOf(next) - this.now()));
      };
      void this.stopped.then(() => {
        if (timer) clearTimeout(timer);
        resolve();
      });
      pump();
    });
  }

  /** Each connection sends its next request when its last answer is in ("as fast as it goes"). */
  private async closedLoop(): Promise<void> {
    const endMs = this.startMs + this.plan.durationS * 1000;
    const limit = this.plan.requests ?? Infinity;
    const connection = async (): Promise<void> => {
      while (!this.stopping && this.tally.sent < limit && this.now() < endMs) await this.request(this.now());
    };
    await Promise.all(Array.from({ length: this.plan.connections }, connection));
  }
}
