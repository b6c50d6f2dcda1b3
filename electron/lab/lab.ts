import { createBalancer } from './balancer/create-balancer';
import type { Balancer, Peer, PeerConfig } from './balancer/types';
import { findFreePorts } from './backends/free-ports';
import { Supervisor } from './backends/supervisor';
import type { BackendSpec, StatusChange, SupervisorOptions } from './backends/types';
import { describeStatusChange } from './describe-status-change';
import { LabError } from './lab-error';
import { LabProxy } from './proxy/lab-proxy';
import { LabStats } from './stats/lab-stats';
import { waitUntil } from './wait-until';
import type {
  AddBackendsInput,
  Algorithm,
  BackendAction,
  BackendSnapshot,
  LabEvent,
  PatchBackendInput,
  SetBalancerInput,
  Snapshot,
} from '../shared/types';
import type { LabSettings } from '../shared/settings';

export interface LabOptions {
  /** Backends started with the lab (default 3). */
  backends?: number;
  basePort?: number;
  proxyPort?: number;
  /** Interface everything binds to (default 127.0.0.1). */
  host?: string;
  /** Default: `weighted` when weights are given, otherwise `round-robin`. */
  algorithm?: Algorithm;
  /** One per initial backend; default 1 each. */
  weights?: readonly number[];
  /** Command template with {port}; default the bundled sample backend. */
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  maxFails?: number;
  failTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** How often snapshots go out (default 100 ms: 10 per second). */
  snapshotIntervalMs?: number;
  /** How long a stop waits for in-flight requests before SIGTERM. */
  drainTimeoutMs?: number;
  /** Ports backends must never take (the control API's, say). */
  reservedPorts?: readonly number[];
  supervisor?: SupervisorOptions;
}

interface BackendConfig extends PeerConfig {
  spec: BackendSpec;
}

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
  private readonly configs = new Map<number, BackendConfig>();
  /** Ports taken out of rotation by a stop in progress. */
  private readonly draining = new Set<number>();
  private readonly snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  private readonly eventListeners = new Set<(event: LabEvent) => void>();
  private readonly history: LabEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private readonly options: Required<Omit<LabOptions, 'weights' | 'command' | 'cwd' | 'env' | 'supervisor' | 'algorithm'>> &
    Pick<LabOptions, 'weights' | 'command' | 'cwd' | 'env'>;

  constructor(options: LabOptions = {}) {
    this.options = {
      backends: options.backends ?? options.weights?.length ?? 3,
      basePort: options.basePort ?? 4000,
      proxyPort: options.proxyPort ?? 8080,
      host: options.host ?? '127.0.0.1',
      maxFails: options.maxFails ?? 1,
      failTimeoutMs: options.failTimeoutMs ?? 10_000,
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
    this.balancer = createBalancer(algorithm, []);
    this.supervisor = new Supervisor(options.supervisor);
    this.supervisor.onStatus((change) => this.onStatus(change));
    this.proxy = new LabProxy({
      host: this.options.host,
      port: this.options.proxyPort,
      balancer: this.balancer,
      stats: this.stats,
      connectTimeoutMs: this.options.connectTimeoutMs,
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
    const { backends, weights, command, basePort } = this.options;
    if (backends > 0) {
      await this.addBackends({ count: backends, basePort, ...(command ? { command } : {}) }, weights);
    }
  }

  /** Stop every backend and close the proxy. Safe to call twice. */
  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.supervisor.shutdown();
    await this.proxy.close();
  }

  /** For process 'exit' handlers, where nothing asynchronous runs. */
  killAllSync(): void {
    this.supervisor.killAllSync();
  }

  snapshot(): Snapshot {
    return {
      at: Date.now(),
      proxy: {
        port: this.proxy.boundPort,
        url: this.proxyUrl,
        algorithm: this.balancer.algorithm,
        requests: this.stats.requests,
        errors: this.stats.errors,
        rps: round(this.stats.rps),
      },
      backends: [...this.configs.values()].map((config) => this.backendSnapshot(config)),
    };
  }

  /** The configuration worth restoring next time (see LabSettings). */
  settings(): LabSettings {
    const configs = [...this.configs.values()];
    const command = configs.find((c) => c.spec.command !== undefined)?.spec.command ?? this.options.command;
    return {
      algorithm: this.balancer.algorithm,
      basePort: configs[0]?.id ?? this.options.basePort,
      proxyPort: this.proxy.boundPort,
      weights: configs.map((c) => c.weight),
      ...(command ? { command } : {}),
    };
  }

  /** Start backends on the next free sequential ports; resolves when each is up or failed. */
  async addBackends(input: AddBackendsInput, weights?: readonly number[]): Promise<number[]> {
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
        spec: {
          port,
          ...(command ? { command } : {}),
          ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
          ...(this.options.env ? { env: this.options.env } : {}),
        },
      });
      this.stats.backend(port);
    });
    this.reconfigure();
    for (const port of ports) this.peer(port).down = true;
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
        await this.drain(port);
        await this.supervisor.stop(port);
        this.draining.delete(port);
        break;
      case 'kill':
        if (!running) throw new LabError(`${port} is not running (${status})`, 409, 'action');
        await this.supervisor.kill(port);
        break;
      case 'restart':
        if (running) await this.drain(port);
        await this.supervisor.restart(port);
        this.draining.delete(port);
        break;
    }
    return null;
  }

  async removeBackend(port: number): Promise<null> {
    this.require(port);
    await this.drain(port);
    await this.supervisor.remove(port);
    this.draining.delete(port);
    this.configs.delete(port);
    this.stats.forget(port);
    this.proxy.forget(port);
    this.reconfigure();
    this.emit({ port, kind: 'removed', message: `${port} removed` });
    return null;
  }

  async patchBackend(port: number, changes: PatchBackendInput): Promise<null> {
    const config = this.require(port);
    Object.assign(config, changes);
    this.reconfigure();
    const said = Object.entries(changes)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    this.emit({ port, kind: 'config', message: `${port}: ${said}` });
    return null;
  }

  async setBalancer(input: SetBalancerInput): Promise<null> {
    try {
      this.balancer.configure(input.algorithm, [...this.configs.values()]);
    } catch (error) {
      throw new LabError((error as Error).message, 409, 'algorithm');
    }
    this.emit({ port: null, kind: 'config', message: `balancing method: ${input.algorithm}` });
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

  private backendSnapshot(config: BackendConfig): BackendSnapshot {
    const state = this.supervisor.get(config.id);
    const stats = this.stats.backend(config.id);
    const peer = this.balancer.peers.find((p) => p.id === config.id);
    const status = this.draining.has(config.id) && state?.status === 'up' ? 'stopping' : state?.status ?? 'starting';
    return {
      port: config.id,
      status,
      inRotation: peer !== undefined && !peer.down && config.weight > 0,
      weight: config.weight,
      maxFails: config.maxFails,
      failTimeoutMs: config.failTimeoutMs,
      hits: stats.hits,
      inFlight: peer?.conns ?? 0,
      failures: stats.failures,
      retries: stats.retries,
      responses: stats.responsesByClass(),
      bytes: stats.bytes,
      latencyMs: stats.latency.summary(),
      rps: round(stats.rps),
      pid: state?.pid ?? null,
      restarts: state?.restarts ?? 0,
      command: state?.command ?? config.spec.command ?? '',
      exit: state?.exit ?? null,
      error: state?.error ?? null,
    };
  }

  /** Take `port` out of rotation, then wait for its in-flight requests (bounded). */
  private async drain(port: number): Promise<void> {
    this.draining.add(port);
    const peer = this.peer(port);
    peer.down = true;
    if (peer.conns > 0) {
      this.emit({ port, kind: 'stopping', message: `${port} out of rotation; waiting for ${peer.conns} in-flight request(s)` });
    }
    await waitUntil(() => peer.conns === 0, this.options.drainTimeoutMs);
  }

  private onStatus(change: StatusChange): void {
    const { port, state } = change;
    const peer = this.balancer.peers.find((p) => p.id === port);
    // The lab knows before any request fails: only an up process is in rotation.
    if (peer) {
      peer.down = state.status !== 'up' || this.draining.has(port);
      if (state.status === 'up') this.balancer.recovered(peer, performance.now());
    }
    const custom = this.configs.get(port)?.spec.command !== undefined;
    const event = describeStatusChange(change, this.draining.has(port), custom ? state.command : 'sample backend');
    if (event) this.emit({ port, ...event });
  }

  private reconfigure(): void {
    this.balancer.configure(this.balancer.algorithm, [...this.configs.values()]);
  }

  private peer(port: number): Peer {
    const peer = this.balancer.peers.find((p) => p.id === port);
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

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
