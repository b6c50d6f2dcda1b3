import { BackendLifecycle } from './backend-lifecycle';
import { KeyedQueue } from './backends/keyed-queue';
import type { BackendState } from './backends/types';
import { notUp } from './not-up';
import { backupConflict } from './backup-conflict';
import { methodTraits } from './balancer/methods';
import { createBalancer } from './balancer/create-balancer';
import { NO_BACKUP_ALGORITHMS } from './balancer/types';
import { systemClock, type Clock } from './clock';
import { CompareRunner } from './compare/compare-runner';
import { Configurator } from './configurator';
import { EventLog } from './event-log';
import { Fleet } from './fleet';
import { LabError } from './lab-error';
import { LabHammer } from './lab-hammer';
import { LabHealth } from './lab-health';
import { resolveLabOptions, type LabOptions, type ResolvedLabOptions } from './lab-options';
import { applySetup, currentSetup, exportSetup, importNginxInto } from './lab-setup';
import { readSnapshot } from './lab-snapshot';
import { LabProxy } from './proxy/lab-proxy';
import { Rotation } from './rotation';
import { ScenarioRunner } from './scenarios/scenario-runner';
import { listScenarios } from './scenarios/scenario-files';
import { SessionLoss } from './session-loss';
import { LabStats } from './stats/lab-stats';
import { TerminalHub } from './terminal/terminal-hub';
import type { CommandArgs, CommandResult, LabCommands } from '../shared/command-table';
import type { AddBackendsInput, LabEvent, Snapshot } from '../shared/types';

export type { LabOptions } from './lab-options';

/** Retries are summed up in the event log about once a second, not one line each. */
const RETRY_REPORT_TICKS = 10;

/**
 * The lab: a fleet of backends, rotation over them, a proxy in front,
 * counters behind, one event log, the hammer. Commands in (one method per
 * row of the command table, documented there), snapshots and events out.
 * Commands on one port run one at a time, in order. Every adapter
 * (Electron IPC, the HTTP host) drives this one object.
 */
export class Lab implements LabCommands {
  readonly stats = new LabStats();
  readonly clock: Clock;
  /** Every backend's terminal: its recent output and live stream, and keystrokes to its pty. */
  readonly terminals: TerminalHub;
  private readonly options: ResolvedLabOptions;
  private readonly fleet: Fleet;
  private readonly rotation: Rotation;
  private readonly health: LabHealth;
  private readonly proxy: LabProxy;
  private readonly log: EventLog;
  private readonly hammer: LabHammer;
  private readonly comparison: CompareRunner;
  private readonly guide: ScenarioRunner;
  private readonly lifecycle: BackendLifecycle;
  private readonly configurator: Configurator;
  private readonly perPort = new KeyedQueue<number>();
  private readonly snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  private stopTicking: (() => void) | null = null;
  private ticks = 0;

  constructor(options: LabOptions = {}) {
    this.options = resolveLabOptions(options);
    const { host, algorithm, backups } = this.options;
    if (backups > 0 && NO_BACKUP_ALGORITHMS.includes(algorithm)) throw new LabError(backupConflict(algorithm, `${backups} backend(s) would be backup`), 409, 'backups');
    this.clock = options.clock ?? systemClock;
    this.log = new EventLog(this.clock);
    this.fleet = new Fleet(this.options.fleet);
    // Before any backend starts, so no output is missed.
    this.terminals = new TerminalHub(this.fleet.supervisor, { clock: this.clock });
    const balancer = createBalancer(algorithm, []);
    const { proxyPort: port, routing, proxySettings: settings } = this.options;
    this.proxy = new LabProxy({ host, port, balancer, stats: this.stats, settings, routing, now: () => this.clock.now() });
    this.health = new LabHealth(host, (p, change, state) => this.lifecycle.onHealth(p, change, state), this.clock, this.proxy.faultHook);
    if (options.health) this.health.configure(options.health);
    const { fleet, health } = this;
    this.rotation = new Rotation(balancer, { configs: () => fleet.configs(), config: (p) => fleet.config(p), isUp: (p) => fleet.isUp(p), isFailingHealth: (p) => health.isFailing(p) }, this.clock);
    const parts = { fleet, rotation: this.rotation, health, proxy: this.proxy, log: this.log };
    this.lifecycle = new BackendLifecycle({ ...parts, sessions: new SessionLoss(host), sticky: this.proxy.stickyClients, clock: this.clock, drainTimeoutMs: this.options.drainTimeoutMs });
    this.configurator = new Configurator(parts);
    this.hammer = new LabHammer(this.log, () => ({ host, port: this.proxy.boundPort }));
    this.comparison = new CompareRunner({
      snapshot: () => this.snapshot(),
      setBalancer: (input) => this.setBalancer(input),
      setProxy: (patch) => this.setProxy(patch),
      resetForRun: () => (this.stats.reset(), this.rotation.reload()),
      startLoad: (input) => this.hammer.start(input),
      loadEnded: () => this.hammer.whenEnded(),
      stopLoad: () => this.hammer.stop(),
      say: this.say,
      wall: () => this.clock.wall(),
    });
    this.guide = new ScenarioRunner({ lab: this, apply: (setup) => applySetup(this, setup), clock: this.clock, say: this.say });
    fleet.supervisor.onStatus((change) => this.lifecycle.onStatus(change));
  }

  get proxyPort(): number {
    return this.proxy.boundPort;
  }

  get proxyUrl(): string {
    return `http://${this.options.host}:${this.proxy.boundPort}/`;
  }

  /** Listen on the proxy port and bring up the initial backends. */
  async start(): Promise<void> {
    await this.proxy.listen().catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE' ? new LabError(`proxy port ${this.options.proxyPort} is already in use by another program`, 409, 'proxyPort') : error;
    });
    this.stopTicking = this.clock.every(this.options.snapshotIntervalMs, () => this.tick());
    const { backends, weights, backups, fleet } = this.options;
    if (backends > 0) await this.spawn({ count: backends, basePort: fleet.basePort }, weights, backups);
  }

  /** Stop the hammer and every backend, and close the proxy. Safe to call twice. */
  async shutdown(): Promise<void> {
    this.stopTicking?.();
    this.stopTicking = null;
    this.health.stop();
    await this.guide.stop();
    await this.comparison.stop();
    await this.hammer.shutdown();
    await this.fleet.supervisor.shutdown();
    this.terminals.close();
    await this.proxy.close();
  }

  /** For process 'exit' handlers, where nothing asynchronous runs. */
  killAllSync = (): void => this.fleet.supervisor.killAllSync();

  snapshot = (): Snapshot => readSnapshot({ clock: this.clock, stats: this.stats, fleet: this.fleet, rotation: this.rotation, health: this.health, proxy: this.proxy, hammer: this.hammer, comparison: this.comparison, scenarios: this.guide, url: this.proxyUrl });

  methods = (): CommandResult<'methods'> => methodTraits();
  recentEvents = (): LabEvent[] => this.log.recent();
  addBackends = async (input: AddBackendsInput): Promise<{ ports: number[] }> => {
    const { ports, failed } = await this.spawn(input);
    if (failed.length > 0) throw notUp(failed);
    return { ports };
  };
  backendAction = (...[port, action]: CommandArgs<'backendAction'>): Promise<null> => this.onPort(port, () => this.lifecycle.act(port, action));
  backendOutput = (port: number): string => (this.fleet.require(port), this.terminals.text(port));
  removeBackend = (port: number): Promise<null> =>
    this.onPort(port, async () => {
      await this.lifecycle.remove(port);
      this.terminals.forget(port);
      this.stats.forget(port);
      this.proxy.forget(port);
      this.rotation.reload();
    });
  patchBackend = (...[port, changes]: CommandArgs<'patchBackend'>): Promise<null> => this.onPort(port, () => this.configurator.patchBackend(port, changes));
  setBalancer = async (...[input]: CommandArgs<'setBalancer'>): Promise<null> => (this.configurator.setBalancer(input), null);
  setHealth = async (...[input]: CommandArgs<'setHealth'>): Promise<null> => (this.configurator.setHealth(input), null);
  resetStats = async (): Promise<null> => (this.stats.reset(), null);
  setFault = (...[port, fault]: CommandArgs<'setFault'>): Promise<null> => this.onPort(port, () => this.configurator.setFault(port, fault));
  clearFault = (port: number): Promise<null> => this.onPort(port, () => this.configurator.clearFault(port));
  setProxy = async (...[patch]: CommandArgs<'setProxy'>): Promise<null> => (this.configurator.setProxy(patch), null);
  startLoad = async (...[input]: CommandArgs<'startLoad'>): Promise<CommandResult<'startLoad'>> => this.hammer.start(input);
  stopLoad = (): Promise<CommandResult<'stopLoad'>> => this.hammer.stop();
  loadStatus = (): CommandResult<'loadStatus'> => this.hammer.status();
  /** Resolves when the hammer's current run ends. */
  loadEnded = (): Promise<CommandResult<'loadStatus'>> => this.hammer.whenEnded();
  startCompare = (...[input]: CommandArgs<'startCompare'>): CommandResult<'startCompare'> => this.comparison.start(input);
  stopCompare = (): Promise<CommandResult<'stopCompare'>> => this.comparison.stop();
  compareStatus = (): CommandResult<'compareStatus'> => this.comparison.status();
  /** Resolves when the current comparison ends. */
  compareEnded = (): Promise<CommandResult<'compareStatus'>> => this.comparison.whenEnded();
  scenarios = (): Promise<CommandResult<'scenarios'>> => listScenarios();
  loadScenario = (...[input]: CommandArgs<'loadScenario'>): Promise<CommandResult<'loadScenario'>> => this.guide.load(input);
  scenarioStatus = (): CommandResult<'scenarioStatus'> => this.guide.status();
  scenarioDo = (): CommandResult<'scenarioDo'> => this.guide.do();
  scenarioNext = (): CommandResult<'scenarioNext'> => this.guide.next();
  closeScenario = (): Promise<CommandResult<'closeScenario'>> => this.guide.stop();
  /** Resolves when the scenario step being done ends. */
  scenarioStepEnded = (): Promise<CommandResult<'scenarioStatus'>> => this.guide.whenStepEnded();
  setup = (): ReturnType<typeof currentSetup> => currentSetup(this.snapshot(), this.fleet.configs(), this.proxy);
  exportSetup = (...[kind]: CommandArgs<'exportSetup'>): string => exportSetup(kind, this.setup());

  importNginx = (...[input]: CommandArgs<'importNginx'>): Promise<CommandResult<'importNginx'>> =>
    importNginxInto(this, input, { basePort: this.fleet.configs()[0]?.id ?? this.options.fleet.basePort, proxyPort: this.proxy.boundPort }, this.log);

  /** Subscribe to snapshots on the fixed cadence; returns the unsubscribe function. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Subscribe to events; the recent history is replayed first. */
  onEvent(listener: (event: LabEvent) => void): () => void {
    return this.log.subscribe(listener);
  }

  /** A line of the lab's own in the event log (comparisons, scenarios). */
  private readonly say = (message: string): void => void this.log.append({ port: null, kind: 'info', message });

  /** Run a command on `port` after the ones queued before it there (never inside another one on that port). */
  private async onPort(port: number, command: () => unknown): Promise<null> {
    await this.perPort.run(port, async () => command());
    return null;
  }

  /** Start backends on the next free ports; resolves with their ports and the states of those that did not come up. */
  private async spawn(input: AddBackendsInput, weights?: readonly number[], backups = 0): Promise<{ ports: number[]; failed: BackendState[] }> {
    const { ports, skipped } = await this.fleet.place(input, new Set([this.proxy.boundPort, ...this.options.reservedPorts]), weights, backups);
    for (const port of skipped) this.log.append({ port, kind: 'skipped-port', message: `port ${port} is in use by another program; skipped it` });
    for (const port of ports) this.stats.backend(port);
    // Not started yet, so not up: rotation keeps the new peers out.
    this.rotation.reload();
    return { ports, failed: (await this.fleet.start(ports)).filter((state) => state.status !== 'up') };
  }

  private tick(): void {
    const now = this.clock.now();
    this.stats.sample(now);
    this.proxy.stickyClients.expire(now);
    if (++this.ticks % RETRY_REPORT_TICKS === 0) {
      for (const [from, targets] of this.stats.drainRetries()) {
        const total = [...targets.values()].reduce((a, b) => a + b, 0);
        this.log.append({ port: from, kind: 'info', message: `${from} failed ${total} request(s); retried ${[...targets].map(([to, n]) => `${n} on ${to}`).join(', ')}` });
      }
    }
    if (this.snapshotListeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.snapshotListeners) listener(snapshot);
  }
}
