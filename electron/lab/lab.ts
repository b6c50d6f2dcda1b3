import { BackendLifecycle } from './backend-lifecycle';
import { backupConflict } from './backup-conflict';
import { Configurator } from './configurator';
import { createBalancer } from './balancer/create-balancer';
import { methodTraits } from './balancer/methods';
import { NO_BACKUP_ALGORITHMS, type Balancer } from './balancer/types';
import { systemClock, type Clock } from './clock';
import { EventLog } from './event-log';
import { Fleet } from './fleet';
import { LabError } from './lab-error';
import { LabHealth } from './lab-health';
import { resolveLabOptions, type LabOptions, type ResolvedLabOptions } from './lab-options';
import { labSettings } from './lab-settings';
import { projectSnapshot } from './project-snapshot';
import { LabProxy } from './proxy/lab-proxy';
import { Rotation } from './rotation';
import { SessionLoss } from './session-loss';
import { TerminalHub } from './terminal/terminal-hub';
import { LabStats } from './stats/lab-stats';
import type { LabCommands } from '../shared/command-table';
import type { MethodTraits } from '../shared/method-traits';
import type { AddBackendsInput, BackendAction, LabEvent, PatchBackendInput, SetBalancerInput, SetHealthInput, Snapshot } from '../shared/types';
import type { LabSettings } from '../shared/settings';

export type { LabOptions } from './lab-options';

/** Retries are summed up in the event log about once a second, not one line each. */
const RETRY_REPORT_TICKS = 10;

/**
 * The lab: a fleet of backends, rotation over them, a proxy in front,
 * counters behind, one event log. Commands in (one method per row of the
 * command table), snapshots and events out. Every adapter (Electron IPC,
 * the HTTP host) drives this one object.
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
  private readonly lifecycle: BackendLifecycle;
  private readonly configurator: Configurator;
  private readonly snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  private stopTicking: (() => void) | null = null;
  private ticks = 0;

  constructor(options: LabOptions = {}) {
    this.options = resolveLabOptions(options);
    const { host, algorithm, backups } = this.options;
    if (backups > 0 && NO_BACKUP_ALGORITHMS.includes(algorithm)) {
      throw new LabError(backupConflict(algorithm, `${backups} backend(s) would be backup`), 409, 'backups');
    }
    this.clock = options.clock ?? systemClock;
    this.log = new EventLog(this.clock);
    this.fleet = new Fleet(this.options.fleet);
    // Before any backend starts, so no output is missed.
    this.terminals = new TerminalHub(this.fleet.supervisor, { clock: this.clock });
    const balancer: Balancer = createBalancer(algorithm, []);
    this.health = new LabHealth(host, (port, change, state) => this.lifecycle.onHealth(port, change, state), this.clock);
    if (options.health) this.health.configure(options.health);
    this.rotation = new Rotation(
      balancer,
      { configs: () => this.fleet.configs(), config: (port) => this.fleet.config(port), isUp: (port) => this.fleet.isUp(port), isFailingHealth: (port) => this.health.isFailing(port) },
      this.clock,
    );
    this.proxy = new LabProxy({ host, port: this.options.proxyPort, balancer, stats: this.stats, connectTimeoutMs: this.options.connectTimeoutMs, routing: this.options.routing, now: () => this.clock.now() });
    this.lifecycle = new BackendLifecycle({
      fleet: this.fleet,
      rotation: this.rotation,
      health: this.health,
      sessions: new SessionLoss(host),
      sticky: this.proxy.stickyClients,
      log: this.log,
      clock: this.clock,
      drainTimeoutMs: this.options.drainTimeoutMs,
    });
    this.configurator = new Configurator({ fleet: this.fleet, rotation: this.rotation, proxy: this.proxy, health: this.health, log: this.log });
    this.fleet.supervisor.onStatus((change) => this.lifecycle.onStatus(change));
  }

  get proxyPort(): number {
    return this.proxy.boundPort;
  }

  get proxyUrl(): string {
    return `http://${this.options.host}:${this.proxy.boundPort}/`;
  }

  /** Listen on the proxy port and bring up the initial backends. */
  async start(): Promise<void> {
    try {
      await this.proxy.listen();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new LabError(`proxy port ${this.options.proxyPort} is already in use by another program`, 409, 'proxyPort');
      throw error;
    }
    this.stopTicking = this.clock.every(this.options.snapshotIntervalMs, () => this.tick());
    const { backends, weights, backups, fleet } = this.options;
    if (backends > 0) await this.spawn({ count: backends, basePort: fleet.basePort }, weights, backups);
  }

  /** Stop every backend and close the proxy. Safe to call twice. */
  async shutdown(): Promise<void> {
    this.stopTicking?.();
    this.stopTicking = null;
    this.health.stop();
    await this.fleet.supervisor.shutdown();
    this.terminals.close();
    await this.proxy.close();
  }

  /** For process 'exit' handlers, where nothing asynchronous runs. */
  killAllSync(): void {
    this.fleet.supervisor.killAllSync();
  }

  /** A read of every part; it changes nothing. */
  snapshot(): Snapshot {
    const now = this.clock.now();
    const routing = this.proxy.currentRouting;
    const { stats, rotation, fleet } = this;
    const proxy = { port: this.proxy.boundPort, url: this.proxyUrl, algorithm: rotation.algorithm, requests: stats.requests, errors: stats.errors, rps: stats.rps, latencyWindowMs: stats.latencyWindow(), ...routing, health: this.health.settings };
    const views = fleet.configs().map((config) => ({
      config,
      process: fleet.process(config.id),
      stats: stats.backend(config.id),
      peer: rotation.peer(config.id),
      peers: rotation.peers,
      algorithm: rotation.algorithm,
      stopping: rotation.isDraining(config.id),
      health: this.health.state(config.id),
      stickyClients: this.proxy.stickyClients.count(config.id, now),
      now,
    }));
    return projectSnapshot(this.clock.wall(), proxy, views);
  }

  /** The configuration worth restoring next time (see LabSettings). */
  settings(): LabSettings {
    return labSettings(this.fleet.configs(), this.options.fleet, this.rotation.algorithm, this.proxy.boundPort, this.proxy.currentRouting, this.health.settings);
  }

  /** Every balancing method's traits (nginx and HAProxy names, what it reads): the dashboard shows these, never its own copy. */
  methods(): MethodTraits[] {
    return methodTraits();
  }

  recentEvents(): LabEvent[] {
    return this.log.recent();
  }

  async addBackends(input: AddBackendsInput): Promise<{ ports: number[] }> {
    return { ports: await this.spawn(input) };
  }

  async backendAction(port: number, action: BackendAction): Promise<null> {
    await this.lifecycle.act(port, action);
    return null;
  }

  /** The backend's recent terminal output as plain text (escape sequences and control characters stripped). */
  backendOutput(port: number): string {
    this.fleet.require(port);
    return this.terminals.text(port);
  }

  async removeBackend(port: number): Promise<null> {
    await this.lifecycle.remove(port);
    this.terminals.forget(port);
    this.stats.forget(port);
    this.proxy.forget(port);
    this.rotation.reload();
    return null;
  }

  async patchBackend(port: number, changes: PatchBackendInput): Promise<null> {
    this.configurator.patchBackend(port, changes);
    return null;
  }

  async setBalancer(input: SetBalancerInput): Promise<null> {
    this.configurator.setBalancer(input);
    return null;
  }

  async setHealth(input: SetHealthInput): Promise<null> {
    this.configurator.setHealth(input);
    return null;
  }

  async resetStats(): Promise<null> {
    this.stats.reset();
    return null;
  }

  /** Subscribe to snapshots on the fixed cadence; returns the unsubscribe function. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /** Subscribe to events; the recent history is replayed first. */
  onEvent(listener: (event: LabEvent) => void): () => void {
    return this.log.subscribe(listener);
  }

  /** Start backends on the next free ports; resolves with their ports when each is up or failed. */
  private async spawn(input: AddBackendsInput, weights?: readonly number[], backups = 0): Promise<number[]> {
    const taken = new Set([this.proxy.boundPort, ...this.options.reservedPorts]);
    const { ports, skipped } = await this.fleet.place(input, taken, weights, backups);
    for (const port of skipped) this.log.append({ port, kind: 'skipped-port', message: `port ${port} is in use by another program; skipped it` });
    for (const port of ports) this.stats.backend(port);
    // Not started yet, so not up: rotation keeps the new peers out.
    this.rotation.reload();
    await this.fleet.start(ports);
    return ports;
  }

  private tick(): void {
    const now = this.clock.now();
    this.stats.sample(now);
    this.proxy.stickyClients.expire(now);
    if (++this.ticks % RETRY_REPORT_TICKS === 0) this.reportRetries();
    if (this.snapshotListeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.snapshotListeners) listener(snapshot);
  }

  private reportRetries(): void {
    for (const [from, targets] of this.stats.drainRetries()) {
      const parts = [...targets].map(([to, n]) => `${n} on ${to}`).join(', ');
      const total = [...targets.values()].reduce((a, b) => a + b, 0);
      this.log.append({ port: from, kind: 'info', message: `${from} failed ${total} request(s); retried ${parts}` });
    }
  }
}
