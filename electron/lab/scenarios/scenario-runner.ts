import type { Clock } from '../clock';
import type { AppliedSetup } from '../lab-setup';
import { LabError } from '../lab-error';
import type { LabSetup } from '../setup';
import type { CompareInput, CompareResult, CompareStatus } from '../../shared/compare';
import type { Fault } from '../../shared/fault';
import type { LoadStatus } from '../../shared/load';
import { IDLE_SCENARIO, type LoadScenarioInput, type ScenarioProgress, type ScenarioStatus, type StepView } from '../../shared/scenario';
import type { BackendAction, PatchBackendInput, SetBalancerInput, Snapshot } from '../../shared/types';
import { describeAction } from './describe-action';
import { personDid } from './person-did';
import { rebase } from './rebase';
import { runChecks, type StepEvidence } from './run-checks';
import { readScenarios, summarize } from './scenario-files';
import { PORT_REFERENCE, type Scenario, type ScenarioAction, type ScenarioStep } from './scenario-schema';
import { readStep, type StepReading } from './step-reading';
import { visit, type VisitAnswer } from './visit';
import { waitUntil } from '../wait-until';

/** The lab's own commands a scenario drives: it does nothing a person could not do from the dashboard. */
export interface ScenarioLab {
  snapshot(): Snapshot;
  readonly proxyUrl: string;
  backendAction(port: number, action: BackendAction): Promise<unknown>;
  patchBackend(port: number, changes: PatchBackendInput): Promise<unknown>;
  setBalancer(input: SetBalancerInput): Promise<unknown>;
  setFault(port: number, fault: Fault): Promise<unknown>;
  clearFault(port: number): Promise<unknown>;
  startLoad(input: unknown): LoadStatus | Promise<LoadStatus>;
  loadEnded(): Promise<LoadStatus>;
  stopLoad(): Promise<LoadStatus>;
  startCompare(input: CompareInput): CompareStatus;
  compareEnded(): Promise<CompareStatus>;
  stopCompare(): Promise<CompareStatus>;
  resetStats(): Promise<unknown>;
  backendOutput(port: number): string;
}

export interface ScenarioDeps {
  lab: ScenarioLab;
  /** Make the lab match a setup (replacing its backends). */
  apply(setup: LabSetup): Promise<AppliedSetup>;
  clock: Clock;
  say(message: string): void;
  /** Where the scenario files are; the bundled ones by default. */
  folder?: string;
}

/** How often a step the person does is looked for in the lab's state, and how long a check waits for a backend's log lines. */
const WATCH_MS = 100;
const LOG_FLUSH_MS = 3000;

/** What an action left for the checks. */
interface Done {
  mark: StepReading | null;
  client: StepEvidence['client'];
  visits: VisitAnswer[] | null;
  compare: CompareResult | null;
}

/**
 * Walks a person through one scenario: loading it sets up the lab from
 * its setup, then each step is done by the lab when asked (`do`) or
 * watched for until the person does it, and its checks say in words what
 * happened. One scenario at a time; its steps in order.
 */
export class ScenarioRunner {
  private current: ScenarioStatus = IDLE_SCENARIO;
  private scenario: Scenario | null = null;
  private ports = new Map<number, number>();
  private version = 0;
  private before: StepReading | null = null;
  private beforeSnapshot: Snapshot | null = null;
  private unwatch: (() => void) | null = null;
  private stepEnded: Promise<ScenarioStatus> = Promise.resolve(IDLE_SCENARIO);

  constructor(private readonly deps: ScenarioDeps) {}

  status(): ScenarioStatus {
    return this.current;
  }

  progress(): ScenarioProgress {
    const step = this.current.steps[this.current.current];
    return { id: this.current.scenario?.id ?? null, current: this.current.current, state: step?.state ?? null, version: this.version };
  }

  /** Resolves when the step being done ends (at once when none is). */
  whenStepEnded(): Promise<ScenarioStatus> {
    return this.stepEnded;
  }

  /** Set the lab up from scenario `input.id`; over a lab with backends only when `replace` says so. */
  async load(input: LoadScenarioInput): Promise<ScenarioStatus> {
    this.refuseWhileDoing();
    const { scenarios } = await readScenarios(this.deps.folder);
    const scenario = scenarios.find((s) => s.id === input.id);
    if (!scenario) throw new LabError(`no scenario named "${input.id}" (there are: ${scenarios.map((s) => s.id).join(', ')})`, 404, 'id');
    const { lab } = this.deps;
    const running = lab.snapshot().backends.length;
    if (running > 0 && input.replace !== true) {
      throw new LabError(`the lab has ${running} backend(s); loading "${scenario.title}" replaces them and its settings (send replace: true)`, 409, 'replace');
    }
    const { setup, wanted } = rebase(scenario.setup, input.basePort, lab.snapshot().proxy.port);
    this.close();
    await lab.stopCompare();
    await lab.stopLoad();
    const applied = await this.deps.apply(setup);
    await lab.resetStats();
    this.scenario = scenario;
    this.ports = new Map([...wanted].map(([declared, port]) => [declared, applied.placed.get(port) ?? port]));
    const portOf = this.portOf;
    const steps: StepView[] = scenario.steps.map((step) => ({
      title: withPorts(step.title, portOf),
      text: withPorts(step.text, portOf),
      by: step.by ?? 'lab',
      action: step.do ? describeAction(step.do, portOf) : null,
      state: 'pending',
      checks: [],
      error: null,
    }));
    this.current = { state: 'active', scenario: summarize(scenario), ports: Object.fromEntries([...this.ports].map(([d, p]) => [String(d), p])), current: 0, steps, problems: applied.problems };
    this.deps.say(`scenario loaded: ${scenario.title} (backends on ${[...this.ports.values()].join(', ')})`);
    this.enter(0);
    return this.current;
  }

  /** Do the current step's action (for the person, when it is theirs), then run its checks. */
  do(): ScenarioStatus {
    const step = this.activeStep();
    this.refuseWhileDoing();
    this.stopWatching();
    const index = this.current.current;
    this.update(index, { state: 'doing', checks: [], error: null });
    this.stepEnded = this.runStep(index, step);
    return this.current;
  }

  /** Go on to the next step (the current one need not have passed). */
  next(): ScenarioStatus {
    this.activeStep();
    this.refuseWhileDoing();
    this.stopWatching();
    const index = this.current.current + 1;
    if (index >= this.current.steps.length) {
      const passed = this.current.steps.filter((s) => s.state === 'passed').length;
      this.set({ ...this.current, state: 'done' });
      this.deps.say(`scenario done: ${this.scenario!.title}; ${passed} of ${this.current.steps.length} step(s) passed`);
      return this.current;
    }
    this.set({ ...this.current, current: index });
    this.enter(index);
    return this.current;
  }

  /** Leave the scenario; the lab stays as it is. A step being done is stopped first. */
  async stop(): Promise<ScenarioStatus> {
    if (this.doingIndex() !== null) {
      await this.deps.lab.stopCompare();
      await this.deps.lab.stopLoad();
      await this.stepEnded;
    }
    if (this.current.state !== 'idle') this.deps.say(`scenario closed: ${this.scenario?.title ?? ''}`);
    this.close();
    return this.current;
  }

  private close(): void {
    this.stopWatching();
    this.scenario = null;
    this.ports = new Map();
    this.set(IDLE_SCENARIO);
  }

  private readonly portOf = (declared: number): number => this.ports.get(declared) ?? declared;

  /** Make step `index` current: the lab waits for the person's own steps, and for a click on its own. */
  private enter(index: number): void {
    const step = this.scenario!.steps[index]!;
    this.takeBefore(step);
    if (step.by !== 'you' || !step.do) {
      this.update(index, { state: 'ready' });
      return;
    }
    this.update(index, { state: 'waiting' });
    const action = step.do;
    this.unwatch = this.deps.clock.every(WATCH_MS, () => {
      if (!personDid(action, this.beforeSnapshot!, this.deps.lab.snapshot(), this.portOf)) return;
      this.stopWatching();
      this.update(index, { state: 'doing' });
      const mark = this.read(step);
      this.stepEnded = this.finish(index, step, { mark, client: null, visits: null, compare: null });
    });
  }

  private async runStep(index: number, step: ScenarioStep): Promise<ScenarioStatus> {
    this.takeBefore(step);
    try {
      const done = step.do ? await this.perform(step.do, step) : { mark: null, client: null, visits: null, compare: null };
      return await this.finish(index, step, done);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.update(index, { state: 'failed', error: message });
      this.deps.say(`scenario step ${index + 1} could not be done: ${message}`);
      return this.current;
    }
  }

  private async finish(index: number, step: ScenarioStep, done: Done): Promise<ScenarioStatus> {
    await this.waitForLogs(step);
    const after = this.read(step);
    const before = this.before!;
    const checks = runChecks(step.checks ?? [], { before, mark: done.mark ?? before, after, snapshot: this.deps.lab.snapshot(), client: done.client, visits: done.visits, compare: done.compare, action: step.do, portOf: this.portOf });
    const ok = checks.every((c) => c.ok);
    if (this.current.steps[index]?.state !== 'doing') return this.current;
    this.update(index, { state: ok ? 'passed' : 'failed', checks });
    this.deps.say(`scenario step ${index + 1} ${ok ? 'passed' : 'failed'}${checks.length > 0 ? `: ${checks.map((c) => c.words).join('; ')}` : ''}`);
    return this.current;
  }

  /** The lab does `action` with the scenario's real ports. */
  private async perform(action: ScenarioAction, step: ScenarioStep): Promise<Done> {
    const { lab } = this.deps;
    const none: Done = { mark: null, client: null, visits: null, compare: null };
    switch (action.kind) {
      case 'requests': {
        const visits = await visit(lab.proxyUrl, action);
        return { ...none, client: { total: visits.length, failed: visits.filter((v) => v.status === 0 || v.status >= 500).length }, visits };
      }
      case 'load': {
        await lab.startLoad(action.load);
        let mark: StepReading | null = null;
        if (action.midway) {
          await this.waitUntil(() => pastHalf(lab.snapshot()), 600_000);
          if (lab.snapshot().proxy.load.state === 'running') {
            await this.change(action.midway);
            mark = this.read(step);
          }
        }
        const end = await lab.loadEnded();
        if (end.state !== 'done') throw new LabError(`the hammer ${end.state} before its end`, 409, 'load');
        const failed = Object.values(end.errors).reduce((a, b) => a + b, 0);
        return { ...none, mark, client: { total: end.sent, failed } };
      }
      case 'compare': {
        lab.startCompare(action.compare);
        const end = await lab.compareEnded();
        if (end.state !== 'done' || !end.result) throw new LabError(`the comparison ${end.state}${end.reason ? `: ${end.reason}` : ''}`, 409, 'compare');
        const { a, b } = end.result;
        const failed = [a, b].reduce((sum, run) => sum + Object.values(run.errors).reduce((x, y) => x + y, 0), 0);
        return { ...none, client: { total: a.load.requests + b.load.requests, failed }, compare: end.result };
      }
      default:
        await this.change(action);
        return { ...none, mark: this.read(step) };
    }
  }

  /** A change a person could make from a backend's row or the method picker. */
  private async change(action: Exclude<ScenarioAction, { kind: 'requests' | 'load' | 'compare' }>): Promise<void> {
    const { lab } = this.deps;
    switch (action.kind) {
      case 'backend':
        await lab.backendAction(this.portOf(action.port), action.action);
        return;
      case 'patch':
        await lab.patchBackend(this.portOf(action.port), action.changes);
        return;
      case 'balancer':
        await lab.setBalancer(action.balancer);
        return;
      case 'fault':
        await (action.fault === null ? lab.clearFault(this.portOf(action.port)) : lab.setFault(this.portOf(action.port), action.fault));
        return;
    }
  }

  /** The access log reaches a terminal in batches: give `terminal` checks a moment to see the step's lines. */
  private async waitForLogs(step: ScenarioStep): Promise<void> {
    const ports = (step.checks ?? []).flatMap((c) => (c.kind === 'terminal' ? [{ port: this.portOf(c.port), text: c.text }] : []));
    if (ports.length === 0) return;
    await this.waitUntil(() => {
      const now = this.read(step);
      return ports.every(({ port, text }) => {
        const [a, b] = [now.backends.get(port), this.before!.backends.get(port)];
        return !a || !b || (a.logged.get(text) ?? 0) - (b.logged.get(text) ?? 0) >= a.hits - b.hits;
      });
    }, LOG_FLUSH_MS);
  }

  /** Poll on the lab's clock. */
  private waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return waitUntil(done, timeoutMs, WATCH_MS / 2, this.deps.clock);
  }

  private takeBefore(step: ScenarioStep): void {
    this.beforeSnapshot = this.deps.lab.snapshot();
    this.before = this.read(step);
  }

  private read(step: ScenarioStep): StepReading {
    const watch = new Map<number, string[]>();
    for (const check of step.checks ?? []) if (check.kind === 'terminal') watch.set(this.portOf(check.port), [...(watch.get(this.portOf(check.port)) ?? []), check.text]);
    return readStep(this.deps.lab.snapshot(), (port) => this.deps.lab.backendOutput(port), watch);
  }

  private activeStep(): ScenarioStep {
    if (this.current.state !== 'active' || !this.scenario) throw new LabError(this.current.state === 'done' ? 'the scenario is done: load one again to repeat it' : 'no scenario is loaded', 409, 'scenario');
    return this.scenario.steps[this.current.current]!;
  }

  private doingIndex(): number | null {
    const index = this.current.steps.findIndex((s) => s.state === 'doing');
    return index < 0 ? null : index;
  }

  private refuseWhileDoing(): void {
    const index = this.doingIndex();
    if (index !== null) throw new LabError(`step ${index + 1} is still running: wait for it, or close the scenario`, 409, 'scenario');
  }

  private stopWatching(): void {
    this.unwatch?.();
    this.unwatch = null;
  }

  private update(index: number, change: Partial<StepView>): void {
    this.set({ ...this.current, steps: this.current.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  }

  private set(status: ScenarioStatus): void {
    this.current = status;
    this.version++;
  }
}

/** `{8000}` → the real port of the backend declared on 8000. */
function withPorts(text: string, portOf: (declared: number) => number): string {
  return text.replace(PORT_REFERENCE, (_, port: string) => String(portOf(Number(port))));
}

/** Half of the hammer's requests, or half of its time, went out (or it ended). */
function pastHalf(snapshot: Snapshot): boolean {
  const load = snapshot.proxy.load;
  if (load.state !== 'running') return true;
  if (load.plannedRequests !== null && load.sent * 2 >= load.plannedRequests) return true;
  return load.plannedS !== null && load.elapsedS * 2 >= load.plannedS;
}
