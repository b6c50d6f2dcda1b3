import type { BackendConfig } from './backend-config';
import { backendSnapshot, round1 } from './backend-snapshot';
import { findFreePorts } from './backends/free-ports';
import { Supervisor } from './backends/supervisor';
import type { StatusChange } from './backends/types';
import { backupConflict } from './backup-conflict';
import { createBalancer } from './balancer/create-balancer';
import { NO_BACKUP_ALGORITHMS, type Balancer, type Peer } from './balancer/types';
import { describePatch } from './describe-patch';
import { describeSessionLoss } from './describe-session-loss';
import { describeBalancer, describeHealth } from './describe-settings';
import { describeStatusChange } from './describe-status-change';
import { LabError } from './lab-error';
import { LabHealth, type HealthChange } from './lab-health';
import type { LabOptions } from './lab-options';
import { LabProxy } from './proxy/lab-proxy';
import { DEFAULT_ROUTING, type Routing } from './proxy/request-info';
import { SessionLoss } from './session-loss';
import { LabStats } from './stats/lab-stats';
import { waitUntil } from './wait-until';
import type {
  AddBackendsInput,
  BackendAction,
  HealthState,
  LabEvent,
  PatchBackendInput,
  SetBalancerInput,
  SetHealthInput,
  Snapshot,
} from '../shared/types';
import type { LabSettings } from '../shared/settings';

export type { LabOptions } from './lab-options';

const EVENT_HISTORY = 200;
/** Retries are summed up in the event log about once a second, not one line each. */
const RETRY_REPORT_TICKS = 10;

/**
 * The lab: backends under a supervisor, a balancer over them, a proxy in
 * front, counters behind. Commands in, snapshots and events out. Every
 * adapter (Electron IPC, the HTTP host) drives this one object.
 */
export class Lab {
  readonly stats = new LabStats();
  private readonly supervisor: Supervisor;
  private readonly balancer: Balancer;
  private readonly proxy: LabProxy;
  private readonly health: LabHealth;
  private readonly configs = new Map<number, BackendConfig>();
  /** Ports taken out of rotation by a stop in progress. */
  private readonly draining = new Set<number>();
  private readonly sessions: SessionLoss;
  private readonly snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  private readonly eventListeners = new Set<(event: LabEvent) => void>();
  private readonly history: LabEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private readonly options: Required<
    Omit<LabOptions, 'weights' | 'command' | 'cwd' | 'env' | 'supervisor' | 'algorithm' | 'hashKey' | 'trustForwardedFor' | 'sticky' | 'health'>
  > &
    Pick<LabOptions, 'weights' | 'command' | 'cwd' | 'env'>;

  constructor(options: LabOptions = {}) {
    this.options = {
      backends: options.backends ?? options.weights?.length ?? 3,
      basePort: options.basePort ?? 4000,
      proxyPort: options.proxyPort ?? 8080,
      host: options.host ?? '127.0.0.1',
      backups: options.backups ?? 0,
      maxFails: options.maxFails ?? 1,
      failTimeoutMs: options.failTimeoutMs ?? 10_000,
      maxConns: options.maxConns ?? 0,
      slowStartMs: options.slowStartMs ?? 0,
      connectTimeoutMs: options.connectTimeoutMs ?? 1000,
      snapshotIntervalMs: options.snapshotIntervalMs ?? 100,
      drainTimeoutMs: options.drainTimeoutMs ?? 5000,
      reservedPorts: options.reservedPorts ?? [],
      weights: options.weights,
      command: options.command,
      cwd: options.cwd,
      env: options.env,
    };
    const algorithm = options.algorithm ?? (options.weights ? 'weighted' : 'round-robin');
    if (this.options.backups > 0 && NO_BACKUP_ALGORITHMS.includes(algorithm)) {
      throw new LabError(backupConflict(algorithm, `${this.options.backups} backend(s) would be backup`), 409, 'backups');
    }
    this.balancer = createBalancer(algorithm, []);
    this.sessions = new SessionLoss(this.options.host);
    this.health = new LabHealth(this.options.host, (port, change, state) => this.onHealth(port, change, state));
    if (options.health) this.health.configure(options.health);
    const routing: Routing = {
      hashKey: options.hashKey ?? DEFAULT_ROUTING.hashKey,
      trustForwardedFor: options.trustForwardedFor ?? DEFAULT_ROUTING.trustForwardedFor,
      sticky: options.sticky ?? DEFAULT_ROUTING.sticky,
    };
    this.supervisor = new Supervisor(options.supervisor);
    this.supervisor.onStatus((change) => this.onStatus(change));
    this.proxy = new LabProxy({
      host: this.options.host,
      port: this.options.proxyPort,
      balancer: this.balancer,
      stats: this.stats,
      connectTimeoutMs: this.options.connectTimeoutMs,
      routing,
    });
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
    this.timer = setInterval(() => this.tick(), this.options.snapshotIntervalMs);
    this.timer.unref();
    const { backends, weights, command, basePort, backups } = this.options;
    if (backends > 0) {
      await this.addBackends({ count: backends, basePort, ...(command ? { command } : {}) }, weights, backups);
    }
  }

  /** Stop every backend and close the proxy. Safe to call twice. */
  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.health.stop();
    await this.supervisor.shutdown();
    await this.proxy.close();
  }

  /** For process 'exit' handlers, where nothing asynchronous runs. */
  killAllSync(): void {
    this.supervisor.killAllSync();
  }

  snapshot(): Snapshot {
    const routing = this.proxy.currentRouting;
    const now = performance.now();
    return {
      at: Date.now(),
      proxy: {
        port: this.proxy.boundPort,
        url: this.proxyUrl,
        algorithm: this.balancer.algorithm,
        requests: this.stats.requests,
        errors: this.stats.errors,
        rps: round1(this.stats.rps),
        hashKey: routing.hashKey,
        trustForwardedFor: routing.trustForwardedFor,
        sticky: routing.sticky,
        health: this.health.settings,
      },
      backends: [...this.configs.values()].map((config) =>
        backendSnapshot({
          config,
          process: this.supervisor.get(config.id),
          stats: this.stats.backend(config.id),
          peer: this.findPeer(config.id),
          peers: this.balancer.peers,
          algorithm: this.balancer.algorithm,
          stopping: this.draining.has(config.id),
          health: this.health.state(config.id),
          stickyClients: this.proxy.stickyClients.count(config.id, now),
          now,
        }),
      ),
    };
  }

  /** The configuration worth restoring next time (see LabSettings). */
  settings(): LabSettings {
    const configs = [...this.configs.values()];
    const command = configs.find((c) => c.spec.command !== undefined)?.spec.command ?? this.options.command;
    const { hashKey, trustForwardedFor, sticky } = this.proxy.currentRouting;
    const health = this.health.settings;
    return {
      algorithm: this.balancer.algorithm,
      basePort: configs[0]?.id ?? this.options.basePort,
      proxyPort: this.proxy.boundPort,
      weights: configs.map((c) => c.weight),
      ...(command ? { command } : {}),
      ...(hashKey !== 'request-uri' ? { hashKey } : {}),
      ...(trustForwardedFor ? { trustForwardedFor: true as const } : {}),
      ...(sticky ? { sticky: true as const } : {}),
      ...(health.enabled ? { health: { path: health.path, intervalMs: health.intervalMs, rise: health.rise, fall: health.fall } } : {}),
    };
  }

  /**
   * Start backends on the next free sequential ports; resolves when each is
   * up or failed. `weights` (one per port) and `backups` (the last N are
   * backup) are for the lab's first backends.
   */
  async addBackends(input: AddBackendsInput, weights?: readonly number[], backups = 0): Promise<number[]> {
    const count = input.count ?? 1;
    const taken = new Set<number>([...this.configs.keys(), this.proxy.boundPort, ...this.options.reservedPorts]);
    const base = input.basePort ?? (this.configs.size > 0 ? Math.max(...this.configs.keys()) + 1 : this.options.basePort);
    const { ports, skipped } = await findFreePorts(base, count, taken);
    for (const port of skipped) this.emit({ port, kind: 'skipped-port', message: `port ${port} is in use by another program; skipped it` });
    const command = input.command ?? this.options.command;
    ports.forEach((port, i) => {
      this.configs.set(port, {
        id: port,
        weight: weights?.[i] ?? input.weight ?? 1,
        maxFails: this.options.maxFails,
        failTimeoutMs: this.options.failTimeoutMs,
        maxConns: this.options.maxConns,
        slowStartMs: this.options.slowStartMs,
        backup: i >= ports.length - backups,
        down: false,
        drain: false,
        spec: {
          port,
          ...(command ? { command } : {}),
          ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
          ...(this.options.env ? { env: this.options.env } : {}),
        },
      });
      this.stats.backend(port);
    });
    // Not started yet, so not up: syncPeer keeps the new peers out of rotation.
    this.reconfigure();
    await Promise.all(ports.map((port) => this.supervisor.start(this.configs.get(port)!.spec)));
    return ports;
  }

  async backendAction(port: number, action: BackendAction): Promise<null> {
    this.require(port);
    const status = this.supervisor.get(port)?.status;
    const running = status === 'up' || status === 'starting';
    switch (action) {
      case 'start':
        if (running || status === 'stopping') throw new LabError(`${port} is already ${status}`, 409, 'action');
        await this.supervisor.restart(port);
        break;
      case 'stop':
        if (!running) throw new LabError(`${port} is not running (${status})`, 409, 'action');
        await this.stopGracefully(port);
        break;
      case 'kill':
        if (!running) throw new LabError(`${port} is not running (${status})`, 409, 'action');
        await this.noteSessions(port);
        await this.supervisor.kill(port);
        break;
      case 'restart':
        // Stopped first, so the stop's drain is over before the new process comes up in rotation.
        if (running) await this.stopGracefully(port);
        await this.supervisor.restart(port);
        break;
    }
    return null;
  }

  async removeBackend(port: number): Promise<null> {
    this.require(port);
    await this.stopGracefully(port);
    await this.supervisor.remove(port);
    this.configs.delete(port);
    this.stats.forget(port);
    this.proxy.forget(port);
    this.proxy.stickyClients.forgetPort(port);
    this.sessions.forget(port);
    this.reconfigure();
    this.emit({ port, kind: 'removed', message: `${port} removed` });
    return null;
  }

  /**
   * Change one backend live. Server parameters (weight, backup, max_fails,
   * fail_timeout, max_conns, slow start) are a reload, as in nginx: selection
   * state restarts. `down` and `drain` are not: they only flip the peer's
   * flags, so nothing else moves. A change the balancer refuses (backup with
   * ip-hash, hash or random-two) is a 409 and changes nothing.
   */
  async patchBackend(port: number, changes: PatchBackendInput): Promise<null> {
    const config = this.require(port);
    const { down, drain, ...reload } = changes;
    if (Object.keys(reload).length > 0) {
      const next = { ...config, ...reload };
      try {
        this.balancer.configure(this.balancer.algorithm, [...this.configs.values()].map((c) => (c.id === port ? next : c)));
      } catch {
        throw new LabError(backupConflict(this.balancer.algorithm, `${port} would be a backup`), 409, 'backup');
      }
      Object.assign(config, reload);
    }
    const comesBack = config.down && down === false;
    if (down !== undefined) config.down = down;
    if (drain !== undefined) config.drain = drain;
    this.syncPeer(port);
    const peer = this.findPeer(port);
    // Back from `down` by hand: forget its failures and start its slow start, as nginx Plus does.
    if (comesBack && peer && !peer.down) this.balancer.recovered(peer, performance.now());
    this.emit({ port, kind: down === true ? 'marked-down' : 'config', message: describePatch(port, changes) });
    return null;
  }

  /**
   * Choose the balancing method (a reload: selection state restarts), and
   * how requests are read: the hash key, whether X-Forwarded-For names the
   * client, sticky cookies. Fields left out keep their value. A method nginx
   * does not allow with the current backups is a 409 and changes nothing.
   */
  async setBalancer(input: SetBalancerInput): Promise<null> {
    try {
      this.balancer.configure(input.algorithm, [...this.configs.values()]);
    } catch {
      const backups = [...this.configs.values()].filter((c) => c.backup).map((c) => c.id);
      const what = backups.length === 1 ? `${backups[0]} is a backup` : `${backups.join(', ')} are backups`;
      throw new LabError(backupConflict(input.algorithm, what), 409, 'algorithm');
    }
    const previous = this.proxy.currentRouting;
    const routing: Routing = {
      hashKey: input.hashKey ?? previous.hashKey,
      trustForwardedFor: input.trustForwardedFor ?? previous.trustForwardedFor,
      sticky: input.sticky ?? previous.sticky,
    };
    this.proxy.setRouting(routing);
    this.emit({ port: null, kind: 'config', message: describeBalancer(input.algorithm, routing, previous) });
    return null;
  }

  /**
   * Turn active health checks on (the default when `enabled` is left out)
   * with new settings, or off. Every backend starts again from `unknown`,
   * which is in rotation; ones that were failing are put back.
   */
  async setHealth(input: SetHealthInput): Promise<null> {
    let cleared: number[];
    try {
      cleared = this.health.configure(input);
    } catch (error) {
      const message = (error as Error).message;
      const field = ['path', 'intervalMs', 'rise', 'fall'].find((name) => message.includes(name)) ?? 'body';
      throw new LabError(message, 400, field);
    }
    for (const port of cleared) this.syncPeer(port);
    const back = cleared.filter((port) => this.configs.has(port));
    const tail = back.length > 0 ? `; ${back.join(', ')} back in rotation until checks decide again` : '';
    this.emit({ port: null, kind: 'config', message: describeHealth(this.health.settings) + tail });
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
    for (const event of this.history) listener(event);
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private tick(): void {
    this.stats.sample(performance.now());
    if (++this.ticks % RETRY_REPORT_TICKS === 0) this.reportRetries();
    if (this.snapshotListeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.snapshotListeners) listener(snapshot);
  }

  private reportRetries(): void {
    for (const [from, targets] of this.stats.drainRetries()) {
      const parts = [...targets].map(([to, n]) => `${n} on ${to}`).join(', ');
      const total = [...targets.values()].reduce((a, b) => a + b, 0);
      this.emit({ port: from, kind: 'info', message: `${from} failed ${total} request(s); retried ${parts}` });
    }
  }

  /** A stop by the user: note its sessions, drain it, SIGTERM (then SIGKILL); out of rotation throughout. */
  private async stopGracefully(port: number): Promise<void> {
    await this.noteSessions(port);
    await this.drain(port);
    try {
      await this.supervisor.stop(port);
    } finally {
      this.draining.delete(port);
      this.syncPeer(port);
    }
  }

  /** Take `port` out of rotation, then wait for its in-flight requests (bounded). */
  private async drain(port: number): Promise<void> {
    this.draining.add(port);
    this.syncPeer(port);
    const peer = this.peer(port);
    if (peer.conns > 0) {
      this.emit({ port, kind: 'stopping', message: `${port} out of rotation; waiting for ${peer.conns} in-flight request(s)` });
    }
    await waitUntil(() => peer.conns === 0, this.options.drainTimeoutMs);
  }

  private onStatus(change: StatusChange): void {
    const { port, state } = change;
    const up = state.status === 'up';
    // Health checks run only against a live process; a new process starts from `unknown`.
    if (up) this.health.watch(port);
    else this.health.unwatch(port);
    // The lab knows before any request fails: only an up process is in rotation.
    this.syncPeer(port);
    const peer = this.findPeer(port);
    if (peer && up) {
      // Slow start is for a backend coming back, not for one's first start (nginx Plus and HAProxy alike).
      if (change.previous === 'starting' && state.restarts === 0) this.balancer.revive(peer);
      else this.balancer.recovered(peer, performance.now());
    }
    const custom = this.configs.get(port)?.spec.command !== undefined;
    const event = describeStatusChange(change, this.draining.has(port), custom ? state.command : 'sample backend');
    if (event) this.emit({ port, ...event });
    if (state.status === 'stopped' || state.status === 'crashed') this.sessionsLost(port, state.status);
  }

  /** A backend's process ended: if it held sessions, say they are gone and why that matters. */
  private sessionsLost(port: number, how: 'stopped' | 'crashed'): void {
    const held = this.sessions.ended(port, this.proxy.stickyClients.count(port, performance.now()));
    this.proxy.stickyClients.forgetPort(port);
    if (held) this.emit({ port, kind: 'info', message: describeSessionLoss(port, how) });
  }

  /**
   * Before the lab ends a sample backend's process, ask it how many
   * sessions it holds (one loopback request, bounded); a crash nobody asked
   * for is known only through the sticky clients.
   */
  private async noteSessions(port: number): Promise<void> {
    const config = this.configs.get(port);
    if (!config || config.spec.command !== undefined || this.supervisor.get(port)?.status !== 'up') return;
    await this.sessions.note(port);
  }

  /** Checks decided a backend: out of rotation when failing, back in (with slow start) when it recovers. */
  private onHealth(port: number, change: HealthChange, state: HealthState): void {
    this.syncPeer(port);
    const { rise, fall } = this.health.settings;
    const seen = state.lastResult ? ` (${state.lastResult})` : '';
    if (change === 'failing') {
      this.emit({ port, kind: 'marked-down', message: `${port} failed ${fall} health checks${seen}; out of rotation` });
      return;
    }
    const peer = this.findPeer(port);
    // Back in only if nothing else (marked down by hand, a stop) keeps it out.
    if (change === 'recovered' && peer && !peer.down) {
      this.balancer.recovered(peer, performance.now());
      this.emit({ port, kind: 'up', message: `${port} passed ${rise} health checks; back in rotation` });
    } else {
      this.emit({ port, kind: 'info', message: `${port} passed ${rise} health checks${seen}` });
    }
  }

  /**
   * Copy what the lab knows onto the peer. `down` (nginx's: no requests, hash
   * keys move on to the next peer without remapping the others) is any of:
   * the process is not up, a stop is draining it, it is marked down by hand,
   * or health checks have it failing. `drain` is the hand-set HAProxy drain.
   */
  private syncPeer(port: number): void {
    const config = this.configs.get(port);
    const peer = this.findPeer(port);
    if (!config || !peer) return;
    const up = this.supervisor.get(port)?.status === 'up';
    peer.down = !up || this.draining.has(port) || config.down || this.health.isFailing(port);
    peer.drain = config.drain;
  }

  /** Apply the backends' configuration as an nginx reload does, then their live states. */
  private reconfigure(): void {
    this.balancer.configure(this.balancer.algorithm, [...this.configs.values()]);
    for (const port of this.configs.keys()) this.syncPeer(port);
  }

  private findPeer(port: number): Peer | undefined {
    return this.balancer.peers.find((p) => p.id === port);
  }

  private peer(port: number): Peer {
    const peer = this.findPeer(port);
    if (!peer) throw new LabError(`no backend on port ${port}`, 404, 'port');
    return peer;
  }

  private require(port: number): BackendConfig {
    const config = this.configs.get(port);
    if (!config) throw new LabError(`no backend on port ${port}`, 404, 'port');
    return config;
  }

  private emit(event: Omit<LabEvent, 'at'>): void {
    const full: LabEvent = { at: Date.now(), ...event };
    this.history.push(full);
    if (this.history.length > EVENT_HISTORY) this.history.shift();
    for (const listener of this.eventListeners) listener(full);
  }
}
