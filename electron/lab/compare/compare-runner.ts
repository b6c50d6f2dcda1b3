import { LabError } from '../lab-error';
import { compareVerdict } from './compare-verdict';
import { distinctLabels, sideLabel } from './side-label';
import { IDLE_COMPARE, type CompareInput, type CompareProgress, type CompareRun, type CompareSide, type CompareStatus } from '../../shared/compare';
import type { LoadStatus } from '../../shared/load';
import type { ProxySettingsPatch } from '../../shared/proxy-settings';
import type { SetBalancerInput, Snapshot } from '../../shared/types';

/** What a comparison drives: the lab's own commands, nothing more. */
export interface CompareDeps {
  snapshot(): Snapshot;
  setBalancer(input: SetBalancerInput): Promise<unknown>;
  setProxy(patch: ProxySettingsPatch): Promise<unknown>;
  /** Counters to zero and selection state afresh (an nginx reload), so a run starts from nothing of the one before. */
  resetForRun(): void;
  startLoad(input: unknown): LoadStatus;
  loadEnded(): Promise<LoadStatus>;
  stopLoad(): Promise<LoadStatus>;
  say(message: string): void;
  wall(): number;
}

interface Settings {
  balancer: SetBalancerInput;
  proxy: ProxySettingsPatch;
}

/**
 * Compare two sides under one hammer profile: for each side, put the
 * lab's own settings back, apply the side's changes, reset counters and
 * selection state, run the hammer to its end and read both the hammer's
 * result and the proxy's counters. At the end (or on a stop or a failure)
 * the lab's own settings are put back.
 */
export class CompareRunner {
  private current: CompareStatus = IDLE_COMPARE;
  private ended: Promise<CompareStatus> = Promise.resolve(IDLE_COMPARE);
  private stopping = false;

  constructor(private readonly deps: CompareDeps) {}

  status(): CompareStatus {
    return this.current;
  }

  progress(): CompareProgress {
    const { state, running, labels, reason } = this.current;
    return { state, running, labels, reason };
  }

  /** Resolves when the current comparison ends (at once when none runs). */
  whenEnded(): Promise<CompareStatus> {
    return this.ended;
  }

  start(input: CompareInput): CompareStatus {
    if (this.current.state === 'running') throw new LabError('a comparison is running: stop it first (DELETE /api/compare)', 409, 'compare');
    if (this.deps.snapshot().proxy.load.state === 'running') throw new LabError('the hammer is running: stop it first (DELETE /api/load)', 409, 'load');
    const own = this.ownSettings();
    const method = this.deps.snapshot().proxy.algorithm;
    const labels = distinctLabels(sideLabel(input.a, input.a.balancer?.algorithm ?? method), sideLabel(input.b, input.b.balancer?.algorithm ?? method));
    this.stopping = false;
    this.current = { state: 'running', running: 'a', labels, result: null, reason: null };
    this.deps.say(`compare started: ${labels.a} vs ${labels.b}`);
    this.ended = this.run(input, labels, own);
    return this.current;
  }

  /** Stop the run on now; the lab's own settings are put back. */
  async stop(): Promise<CompareStatus> {
    if (this.current.state !== 'running') return this.current;
    this.stopping = true;
    await this.deps.stopLoad();
    return this.ended;
  }

  private ownSettings(): Settings {
    const { algorithm, hashKey, trustForwardedFor, sticky, connectTimeoutMs, readTimeoutMs, nextUpstream, nextUpstreamTries } = this.deps.snapshot().proxy;
    return { balancer: { algorithm, hashKey, trustForwardedFor, sticky }, proxy: { connectTimeoutMs, readTimeoutMs, nextUpstream: [...nextUpstream], nextUpstreamTries } };
  }

  /** Only what differs from the lab's settings now, so the event log and the charts' markers show real changes only. */
  private async apply(settings: Settings, side?: CompareSide): Promise<void> {
    const now = this.ownSettings();
    const balancer = changed({ ...settings.balancer, ...side?.balancer }, now.balancer);
    if (Object.keys(balancer).length > 0) await this.deps.setBalancer(balancer);
    const proxy = changed({ ...settings.proxy, ...side?.proxy }, now.proxy);
    if (Object.keys(proxy).length > 0) await this.deps.setProxy(proxy);
  }

  private async run(input: CompareInput, labels: { a: string; b: string }, own: Settings): Promise<CompareStatus> {
    const startedAt = new Date(this.deps.wall()).toISOString();
    const runs: Partial<Record<'a' | 'b', CompareRun>> = {};
    let end: Pick<CompareStatus, 'state' | 'reason'> = { state: 'done', reason: null };
    try {
      for (const key of ['a', 'b'] as const) {
        this.current = { ...this.current, running: key };
        const run = await this.runSide(input, input[key], labels[key], own);
        if (run === null) {
          end = { state: 'stopped', reason: this.stopping ? 'stopped before both runs ended' : 'the hammer was stopped before both runs ended' };
          break;
        }
        runs[key] = run;
      }
    } catch (error) {
      end = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    await this.apply(own).catch((error: unknown) => {
      end = { state: 'failed', reason: `could not put the lab's own settings back: ${error instanceof Error ? error.message : String(error)}` };
    });
    const { a, b } = runs;
    const slow = new Set(this.deps.snapshot().backends.filter((backend) => backend.fault !== null).map((backend) => String(backend.port)));
    const result = a && b && end.state === 'done' ? { load: input.load ?? {}, a, b, verdict: compareVerdict(a, b, slow), startedAt } : null;
    this.current = { state: end.state, running: null, labels, result, reason: end.reason };
    this.deps.say(result ? `compare done: ${result.verdict}` : `compare ${end.state}: ${end.reason ?? ''}`);
    return this.current;
  }

  /** One side's run; null when it was stopped before its end. */
  private async runSide(input: CompareInput, side: CompareSide, label: string, own: Settings): Promise<CompareRun | null> {
    await this.apply(own, side);
    if (this.stopping) return null;
    this.deps.resetForRun();
    this.deps.startLoad(input.load ?? {});
    const status = await this.deps.loadEnded();
    if (status.state !== 'done' || !status.result || this.stopping) return null;
    const snapshot = this.deps.snapshot();
    const byBackend = Object.fromEntries(snapshot.backends.map((backend) => [String(backend.port), backend.hits]));
    const sum = (pick: (b: Snapshot['backends'][number]) => number): number => snapshot.backends.reduce((total, backend) => total + pick(backend), 0);
    return {
      label,
      algorithm: snapshot.proxy.algorithm,
      load: status.result,
      errors: status.errors,
      proxy: { requests: snapshot.proxy.requests, retries: sum((b) => b.retries), failures: sum((b) => b.failures), byBackend },
    };
  }
}

/** The fields of `wanted` whose value differs from `now`'s. */
function changed<T extends object>(wanted: T, now: T): Partial<T> {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(now[key as keyof T]))) as Partial<T>;
}
