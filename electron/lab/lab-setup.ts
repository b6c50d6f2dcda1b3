import type { BackendConfig } from './backend-config';
import { LabError } from './lab-error';
import type { LabProxy } from './proxy/lab-proxy';
import type { EventLog } from './event-log';
import { exportCompose, exportHaproxy, exportNginx, importNginx, setupFromSnapshot, type LabSetup } from './setup';
import type { CommandResult } from '../shared/command-table';
import type { Lab } from './lab';
import type { ExportKind, ImportNginxInput } from '../shared/schemas';
import type { Snapshot } from '../shared/types';

/** The lab's whole configuration as a setup file: what `GET /api/setup` answers and Save Setup writes. */
export function currentSetup(snapshot: Snapshot, configs: readonly BackendConfig[], proxy: LabProxy): LabSetup {
  const faults = new Map(configs.flatMap((c) => {
    const fault = proxy.fault(c.id);
    return fault ? [[c.id, { ...fault }] as const] : [];
  }));
  return setupFromSnapshot(snapshot, { specs: configs.map((c) => c.spec), proxy: proxy.settings, faults });
}

/**
 * A setup as the real balancer's configuration. `compose` is several
 * files: each starts with a `# ===== name =====` line, so the text can be
 * split back into them.
 */
export function exportSetup(kind: ExportKind, setup: LabSetup): string {
  if (kind === 'nginx') return exportNginx(setup);
  if (kind === 'haproxy') return exportHaproxy(setup);
  return exportCompose(setup).map((file) => `# ===== ${file.name} =====\n${file.text.endsWith('\n') ? file.text : `${file.text}\n`}`).join('\n');
}

/** What applying a setup did: each backend's port, where each port of the setup ended up, and what could not be done, in plain words. */
export interface AppliedSetup {
  ports: number[];
  placed: Map<number, number>;
  problems: string[];
}

/**
 * Make a running lab match `setup`: every backend it has is removed, then
 * the method, routing, health checks, timeouts, backends with their flags
 * and faults are applied through the lab's own commands (so each is
 * validated and logged as if a person had done it). The proxy keeps its
 * port. A backend that cannot start is reported, not fatal.
 */
export async function applySetup(lab: Lab, setup: LabSetup): Promise<AppliedSetup> {
  const problems: string[] = [];
  for (const backend of lab.snapshot().backends) await lab.removeBackend(backend.port);
  const { proxy, health } = setup;
  await lab.setBalancer({
    algorithm: proxy.algorithm,
    hashKey: proxy.hashKey ?? 'request-uri',
    trustForwardedFor: proxy.trustForwardedFor ?? false,
    sticky: proxy.sticky ?? false,
  });
  const current = lab.snapshot().proxy.health;
  await lab.setHealth(health ? { enabled: true, ...health } : { ...current, enabled: false });
  const { connectTimeoutMs, readTimeoutMs, nextUpstream, nextUpstreamTries } = proxy;
  const timing = Object.fromEntries(Object.entries({ connectTimeoutMs, readTimeoutMs, nextUpstream, nextUpstreamTries }).filter(([, v]) => v !== undefined));
  if (Object.keys(timing).length > 0) await lab.setProxy(timing);
  const ports: number[] = [];
  const placedAt = new Map<number, number>();
  // Primaries first: the last primary may never become a backup.
  const ordered = [...setup.backends].sort((a, b) => Number(a.backup ?? false) - Number(b.backup ?? false));
  for (const backend of ordered) {
    const { port, command, cwd, env, weight, fault, ...flags } = backend;
    let placed: number;
    try {
      placed = (await lab.addBackends({ count: 1, basePort: port, ...(command ? { command } : { sample: true }), ...(cwd ? { cwd } : {}), ...(env ? { env } : {}), ...(weight !== undefined ? { weight } : {}) })).ports[0] ?? port;
    } catch (error) {
      // Started but not up (its output says why): it stays, as a failed backend, for the person to see.
      problems.push(error instanceof Error ? error.message : String(error));
      placed = lab.snapshot().backends.at(-1)?.port ?? port;
    }
    if (placed !== port) problems.push(`${port} was taken by another program; that backend runs on ${placed}`);
    ports.push(placed);
    placedAt.set(port, placed);
    if (Object.keys(flags).length > 0) await lab.patchBackend(placed, flags);
    if (fault) await lab.setFault(placed, fault);
  }
  return { ports, placed: placedAt, problems };
}

/**
 * Replace a running lab's backends and settings with an nginx upstream's:
 * each server becomes a local backend on the next port from `basePort`. A
 * parse error names its line and column, and nothing changes.
 */
export async function importNginxInto(lab: Lab, input: ImportNginxInput, at: { basePort: number; proxyPort: number }, log: EventLog): Promise<CommandResult<'importNginx'>> {
  const parsed = importNginx(input.config, { ...at, ...(input.upstream ? { upstream: input.upstream } : {}) });
  if (!parsed.ok) throw new LabError(`line ${parsed.line}, column ${parsed.column}: ${parsed.error}`, 400, 'config');
  const { setup, mapping, unsupported, upstream } = parsed.value;
  const applied = await applySetup(lab, setup);
  log.append({ port: null, kind: 'config', message: `imported nginx upstream${upstream ? ` ${upstream}` : ''}: ${mapping.map((m) => `${m.server} → ${m.port}`).join(', ')}` });
  return { ports: applied.ports, mapping, unsupported, problems: applied.problems };
}
