import { Lab, type LabOptions } from '../lab/lab';
import { ControlServer } from './control-server';

export interface HostOptions extends LabOptions {
  uiPort: number;
  rendererRoot: string;
}

export interface Host {
  lab: Lab;
  control: ControlServer;
  /** Stop every backend, then close the proxy and the control API. */
  stop(): Promise<void>;
}

/**
 * The headless lab: the control API (and dashboard) first, so a taken UI
 * port fails before any backend is spawned, then the lab itself.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const host = options.host ?? '127.0.0.1';
  const lab = new Lab({ ...options, host, reservedPorts: [options.uiPort, ...(options.reservedPorts ?? [])] });
  const control = new ControlServer({ lab, host, port: options.uiPort, rendererRoot: options.rendererRoot });
  try {
    await control.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`ui port ${options.uiPort} is already in use by another program`);
    throw error;
  }
  const stop = async (): Promise<void> => {
    await lab.shutdown();
    await control.close();
  };
  try {
    await lab.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { lab, control, stop };
}
