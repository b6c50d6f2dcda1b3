import { Lab, type LabOptions } from '../lab/lab';
import { applySetup } from '../lab/lab-setup';
import type { LabSetup } from '../lab/setup';
import { createToken } from './auth-token';
import { ControlServer } from './control-server';

export interface HostOptions extends LabOptions {
  uiPort: number;
  /** Folder of the built renderer, served at `/`. */
  rendererRoot: string;
  /** The control API's token; a fresh random one when left out. */
  token?: string;
  /** A whole lab to start with (from --setup or --nginx): its backends replace `backends`, its proxy port `proxyPort`. */
  setup?: LabSetup;
  /** A guided scenario to load once the lab runs (from --scenario): its backends replace `backends`. */
  guide?: { id: string; basePort?: number };
}

/**
 * The headless lab: a Lab plus its control API and dashboard. Created
 * before it starts so an exit guard can own it while backends spawn.
 */
export class Host {
  readonly lab: Lab;
  readonly control: ControlServer;
  private readonly setup: LabSetup | undefined;
  private readonly guide: HostOptions['guide'];
  /** What applying the setup could not do, in plain words. */
  problems: string[] = [];

  constructor(options: HostOptions) {
    const host = options.host ?? '127.0.0.1';
    const fromSetup = options.setup ? { backends: 0, proxyPort: options.setup.proxy.port } : options.guide ? { backends: 0 } : {};
    this.lab = new Lab({ ...options, ...fromSetup, host, reservedPorts: [options.uiPort, ...(options.reservedPorts ?? [])] });
    this.setup = options.setup;
    this.guide = options.guide;
    this.control = new ControlServer({ lab: this.lab, host, port: options.uiPort, rendererRoot: options.rendererRoot, token: options.token ?? createToken() });
  }

  /** The control API first, so a taken UI port fails before any backend is spawned. */
  async start(): Promise<void> {
    try {
      await this.control.listen();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`ui port ${this.control.requestedPort} is already in use by another program`);
      throw error;
    }
    try {
      await this.lab.start();
      if (this.setup) this.problems = (await applySetup(this.lab, this.setup)).problems;
      if (this.guide) this.problems = (await this.lab.loadScenario({ ...this.guide, replace: true })).problems;
    } catch (error) {
      await this.shutdown();
      throw error;
    }
  }

  /** Stop every backend, then close the proxy and the control API. */
  async shutdown(): Promise<void> {
    await this.lab.shutdown();
    await this.control.close();
  }

  killAllSync(): void {
    this.lab.killAllSync();
  }
}
