import type { BackendConfig } from './backend-config';
import { findFreePorts } from './backends/free-ports';
import { Supervisor } from './backends/supervisor';
import type { BackendState, SupervisorOptions } from './backends/types';
import { LabError } from './lab-error';
import type { AddBackendsInput, BackendStatus } from '../shared/types';

/** The server parameters a new backend starts with (the lab's flags or their defaults). */
export interface ServerDefaults {
  maxFails: number;
  failTimeoutMs: number;
  maxConns: number;
  slowStartMs: number;
}

/** How the fleet runs its backends: the lab-wide command, cwd and env. */
export interface FleetOptions {
  basePort: number;
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  defaults: ServerDefaults;
  supervisor?: SupervisorOptions;
}

/** What one add decided: the ports taken, and the ones skipped because another program held them. */
export interface Placement {
  ports: number[];
  skipped: number[];
}

/**
 * The backend fleet: what the user configured for each port and the
 * process that runs it. It owns both; rotation reads them.
 */
export class Fleet {
  readonly supervisor: Supervisor;
  private readonly byPort = new Map<number, BackendConfig>();

  constructor(private readonly options: FleetOptions) {
    this.supervisor = new Supervisor(options.supervisor);
  }

  configs(): BackendConfig[] {
    return [...this.byPort.values()];
  }

  config(port: number): BackendConfig | undefined {
    return this.byPort.get(port);
  }

  /** The config of `port`, or the 404 a person sees. */
  require(port: number): BackendConfig {
    const config = this.byPort.get(port);
    if (!config) throw new LabError(`no backend on port ${port}`, 404, 'port');
    return config;
  }

  process(port: number): BackendState | undefined {
    return this.supervisor.get(port);
  }

  status(port: number): BackendStatus | undefined {
    return this.supervisor.get(port)?.status;
  }

  isUp(port: number): boolean {
    return this.status(port) === 'up';
  }

  /** Whether the lab runs its own sample backend there (not a person's command). */
  isSample(port: number): boolean {
    return this.byPort.get(port)?.spec.command === undefined;
  }

  /**
   * Configure backends on the next free sequential ports (not started
   * yet). `weights` (one per port) and `backups` (the last N are backup)
   * are for the lab's first backends. `input.sample` runs the sample
   * backend whatever the lab's own command is.
   */
  async place(input: AddBackendsInput, taken: ReadonlySet<number>, weights?: readonly number[], backups = 0): Promise<Placement> {
    const count = input.count ?? 1;
    const used = new Set([...taken, ...this.byPort.keys()]);
    const base = input.basePort ?? (this.byPort.size > 0 ? Math.max(...this.byPort.keys()) + 1 : this.options.basePort);
    // Ports taken on the way can push the range past 65535: a refusal of the input, not a lab failure.
    const { ports, skipped } = await findFreePorts(base, count, used).catch((error: unknown) => {
      throw error instanceof RangeError ? new LabError(error.message, 400, input.basePort === undefined ? 'count' : 'basePort') : error;
    });
    const command = input.command ?? (input.sample ? undefined : this.options.command);
    const { defaults } = this.options;
    const cwd = input.cwd ?? this.options.cwd;
    const env = input.env ?? this.options.env;
    ports.forEach((port, i) => {
      this.byPort.set(port, {
        id: port,
        weight: weights?.[i] ?? input.weight ?? 1,
        ...defaults,
        backup: i >= ports.length - backups,
        down: false,
        drain: false,
        spec: { port, ...(command ? { command } : {}), ...(cwd ? { cwd } : {}), ...(env ? { env } : {}) },
      });
    });
    return { ports, skipped };
  }

  /** Start the processes of `ports`; resolves when each is up or failed. */
  async start(ports: readonly number[]): Promise<BackendState[]> {
    return Promise.all(ports.map((port) => this.supervisor.start(this.require(port).spec)));
  }

  /** Drop the backend's process and config. */
  async remove(port: number): Promise<void> {
    await this.supervisor.remove(port);
    this.byPort.delete(port);
  }
}
