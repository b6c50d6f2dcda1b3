import type { LabOptions } from '../lab-options';
import type { BackendSetup, FaultSetup, LabSetup, ProxySetup } from './setup-schema';
import type { AddBackendsInput, PatchBackendInput } from '../../shared/types';

/**
 * How to bring today's Lab into a setup, in order:
 * `const lab = new Lab({...plan.options, ...yours}); await lab.start();`
 * then `await lab.addBackends(input)` for each of `addBackends`, then
 * `await lab.patchBackend(port, patch)` for each of `patches`.
 */
export interface LabPlan {
  options: LabOptions;
  /** Backends after the first run of sequential ports with one command (the constructor takes only that run). */
  addBackends: AddBackendsInput[];
  /** Per-backend parameters and flags the constructor cannot give (weights after the first run, backup, down, drain, ...). */
  patches: { port: number; patch: PatchBackendInput }[];
  /** Faults to set per port once the faults API exists. */
  faults: { port: number; fault: FaultSetup }[];
  /** Proxy settings LabOptions takes no field for yet; the integrator passes them on once it does. */
  proxy: Pick<ProxySetup, 'readTimeoutMs' | 'nextUpstream' | 'nextUpstreamTries'>;
  /** What the plan could not reproduce, in plain words (empty when it is exact). */
  notApplied: string[];
}

const PARAMETERS = ['maxFails', 'failTimeoutMs', 'maxConns', 'slowStartMs'] as const;

/** The constructor options, later additions and patches that reproduce `setup` with today's Lab. */
export function labOptionsFromSetup(setup: LabSetup): LabPlan {
  const { proxy, health, backends } = setup;
  const runs = sequentialRuns(backends);
  const first = runs[0] ?? [];
  const lead = first[0];
  const notApplied: string[] = [];
  const options: LabOptions = {
    proxyPort: proxy.port,
    algorithm: proxy.algorithm,
    backends: first.length,
    ...(lead ? { basePort: lead.port, weights: first.map((b) => b.weight ?? 1) } : {}),
    ...(lead?.command !== undefined ? { command: lead.command } : {}),
    ...(lead?.cwd !== undefined ? { cwd: lead.cwd } : {}),
    ...(lead?.env !== undefined ? { env: lead.env } : {}),
    ...(proxy.hashKey !== undefined ? { hashKey: proxy.hashKey } : {}),
    ...(proxy.trustForwardedFor !== undefined ? { trustForwardedFor: proxy.trustForwardedFor } : {}),
    ...(proxy.sticky !== undefined ? { sticky: proxy.sticky } : {}),
    ...(proxy.connectTimeoutMs !== undefined ? { connectTimeoutMs: proxy.connectTimeoutMs } : {}),
    ...(health ? { health: { enabled: true, ...health } } : {}),
  };
  for (const name of PARAMETERS) if (lead?.[name] !== undefined) options[name] = lead[name];

  const addBackends: AddBackendsInput[] = runs.slice(1).map((run) => ({
    count: run.length,
    basePort: run[0]!.port,
    ...(run[0]!.command !== undefined ? { command: run[0]!.command } : {}),
  }));

  const patches: LabPlan['patches'] = [];
  const firstPorts = new Set(first.map((b) => b.port));
  for (const backend of backends) {
    const patch: PatchBackendInput = {};
    if (!firstPorts.has(backend.port) && backend.weight !== undefined && backend.weight !== 1) patch.weight = backend.weight;
    for (const name of PARAMETERS) if (backend[name] !== undefined && backend[name] !== options[name]) patch[name] = backend[name];
    if (backend.backup) patch.backup = true;
    if (backend.down) patch.down = true;
    if (backend.drain) patch.drain = true;
    if (Object.keys(patch).length > 0) patches.push({ port: backend.port, patch });
    if (lead && (!sameEnv(backend.env, lead.env) || backend.cwd !== lead.cwd)) {
      notApplied.push(`${backend.port} runs with the cwd and env of ${lead.port}: today's Lab takes one cwd and env for all backends`);
    }
  }

  const faults = backends.flatMap((b) => (b.fault ? [{ port: b.port, fault: b.fault }] : []));
  const extra: LabPlan['proxy'] = {
    ...(proxy.readTimeoutMs !== undefined ? { readTimeoutMs: proxy.readTimeoutMs } : {}),
    ...(proxy.nextUpstream !== undefined ? { nextUpstream: proxy.nextUpstream } : {}),
    ...(proxy.nextUpstreamTries !== undefined ? { nextUpstreamTries: proxy.nextUpstreamTries } : {}),
  };
  return { options, addBackends, patches, faults, proxy: extra, notApplied };
}

/**
 * Split the backends, in their order, where the port is not the previous
 * one plus one or the command changes: the Lab starts each run on
 * sequential ports with one command.
 */
function sequentialRuns(backends: readonly BackendSetup[]): BackendSetup[][] {
  const runs: BackendSetup[][] = [];
  for (const backend of backends) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && backend.port === last.port + 1 && backend.command === last.command) run.push(backend);
    else runs.push([backend]);
  }
  return runs;
}

function sameEnv(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
}
