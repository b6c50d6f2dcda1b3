import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import type { LabSetup } from '../../../electron/lab/setup';
import { openSetup, runningPorts } from '../../../electron/main/open-setup';
import { writeSetupFile } from '../../../electron/main/setup-file';
import { expectStatus, startLab, useLabs } from '../../support/lab-fixture';
import { get } from '../../support/http-client';

useLabs();

const PROXY = 23000;
const BASE = 23001;
let dir: string;

beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lab-open-setup-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every field the lab writes for a backend, so setups compare field for field. */
function backend(port: number, changes: Partial<LabSetup['backends'][number]> = {}): LabSetup['backends'][number] {
  return { port, weight: 1, backup: false, down: false, drain: false, maxFails: 1, failTimeoutMs: 10_000, maxConns: 0, slowStartMs: 0, ...changes };
}

/** A setup as the lab writes it back: every proxy and backend field spelled out. */
const SETUP: LabSetup = {
  version: 1,
  proxy: { port: PROXY, algorithm: 'weighted', hashKey: 'request-uri', trustForwardedFor: false, sticky: false, connectTimeoutMs: 500, readTimeoutMs: 3000, nextUpstream: ['error', 'timeout', 'http_503'], nextUpstreamTries: 2 },
  health: { path: '/health', intervalMs: 1000, rise: 1, fall: 3 },
  backends: [
    backend(BASE, { weight: 4, maxFails: 3, failTimeoutMs: 30_000 }),
    backend(BASE + 1, { weight: 6, maxConns: 20, fault: { latencyMs: 20 } }),
    backend(BASE + 2, { drain: true }),
    backend(BASE + 3, { down: true }),
    backend(BASE + 4, { backup: true }),
  ],
};

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A running lab with one sample backend on BASE, which an open replaces. */
async function labWithOneBackend(): Promise<Lab> {
  const lab = await startLab({ backends: 1, basePort: BASE, proxyPort: PROXY });
  await lab.patchBackend(BASE, { weight: 3 });
  return lab;
}

const pids = (lab: Lab): (number | null)[] => lab.snapshot().backends.map((b) => b.pid);
const allUp = (lab: Lab, count: number) => (): boolean => lab.snapshot().backends.length === count && lab.snapshot().backends.every((b) => b.status === 'up');

describe('openSetup', () => {
  it('runs the file’s backends with their weights, flags, faults, health checks and timeouts', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    const confirm = vi.fn(async () => true);
    const outcome = await openSetup(lab, file('lab.json', SETUP), confirm);
    expect(outcome).toEqual({ kind: 'applied', ports: SETUP.backends.map((b) => b.port), problems: [] });
    expect(confirm).not.toHaveBeenCalled();
    await expectStatus(lab, allUp(lab, SETUP.backends.length));
    expect(lab.setup()).toEqual(SETUP);

    // Only the two weighted primaries take traffic (drain, down and backup take none), in the file's proportion.
    const [a, b] = SETUP.backends;
    await expectStatus(lab, () => lab.snapshot().backends.filter((x) => x.inRotation).length === 2);
    const cycle = a!.weight! + b!.weight!;
    const answered: Record<string, number> = {};
    for (let i = 0; i < cycle; i++) {
      const reply = await get(`http://127.0.0.1:${PROXY}/whoami`);
      const port = String(reply.headers['x-lab-backend']);
      answered[port] = (answered[port] ?? 0) + 1;
    }
    expect(answered).toEqual({ [a!.port]: a!.weight, [b!.port]: b!.weight });
  });

  it.each([
    ['a weight out of range', { ...SETUP, backends: [backend(BASE), backend(BASE + 1, { weight: 999 })] }, 'backends.1.weight'],
    ['a misspelt field', { ...SETUP, backends: [{ port: BASE, wieght: 2 }] }, 'backends.0.wieght'],
    ['a setup from a newer lab', { ...SETUP, version: 2 }, 'version'],
    ['text that is not JSON', '{"version": 1,', 'setup'],
  ])('refuses %s, naming the field, and leaves the lab as it was', async (_what, content, field) => {
    const lab = await labWithOneBackend();
    const before = { setup: lab.setup(), pids: pids(lab) };
    const confirm = vi.fn(async () => true);
    const outcome = await openSetup(lab, file('bad.json', content), confirm);
    expect(outcome).toMatchObject({ kind: 'refused', field });
    expect(outcome.kind === 'refused' && outcome.error).toContain(field);
    expect(confirm).not.toHaveBeenCalled();
    expect({ setup: lab.setup(), pids: pids(lab) }).toEqual(before);
  });

  it('refuses a file that cannot be read as the field "setup"', async () => {
    const lab = await labWithOneBackend();
    const before = lab.setup();
    expect(await openSetup(lab, join(dir, 'missing.json'), async () => true)).toMatchObject({ kind: 'refused', field: 'setup', error: expect.stringContaining('no such file') });
    expect(lab.setup()).toEqual(before);
  });

  it('asks before replacing running backends, and Cancel changes nothing', async () => {
    const lab = await labWithOneBackend();
    const before = { setup: lab.setup(), pids: pids(lab) };
    expect(runningPorts(lab)).toEqual([BASE]);
    const confirm = vi.fn(async () => false);
    expect(await openSetup(lab, file('lab.json', SETUP), confirm)).toEqual({ kind: 'cancelled' });
    expect(confirm).toHaveBeenCalledWith([BASE]);
    expect({ setup: lab.setup(), pids: pids(lab) }).toEqual(before);
  });

  it('does not ask when no backend process is running', async () => {
    const lab = await labWithOneBackend();
    await lab.backendAction(BASE, 'stop');
    expect(runningPorts(lab)).toEqual([]);
    const confirm = vi.fn(async () => false);
    expect(await openSetup(lab, file('lab.json', { ...SETUP, backends: [backend(BASE + 5)] }), confirm)).toMatchObject({ kind: 'applied', ports: [BASE + 5] });
    expect(confirm).not.toHaveBeenCalled();
  });

  it('save then open gives back the same setup, with new processes in place of the running ones', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    await openSetup(lab, file('first.json', SETUP), async () => true);
    await expectStatus(lab, allUp(lab, SETUP.backends.length));
    const saved = lab.setup();
    const path = join(dir, 'saved.json');
    expect(await writeSetupFile(path, saved)).toMatchObject({ ok: true });

    // Change the lab, then open what was saved over it.
    await lab.setBalancer({ algorithm: 'least-conn' });
    await lab.patchBackend(BASE, { weight: 9, down: true });
    await lab.removeBackend(BASE + 4);
    const oldPids = pids(lab);
    const confirm = vi.fn(async () => true);
    expect(await openSetup(lab, path, confirm)).toMatchObject({ kind: 'applied', problems: [] });
    expect(confirm).toHaveBeenCalledTimes(1);
    await expectStatus(lab, allUp(lab, SETUP.backends.length));
    expect(lab.setup()).toEqual(saved);
    expect(pids(lab).some((pid) => oldPids.includes(pid))).toBe(false);
  });

  it('keeps the proxy on its port and says so when the file asks for another', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    const outcome = await openSetup(lab, file('lab.json', { ...SETUP, proxy: { ...SETUP.proxy, port: 8080 }, backends: [backend(BASE)] }), async () => true);
    expect(outcome).toMatchObject({ kind: 'applied', problems: [expect.stringContaining(`The proxy stays on port ${PROXY} (the setup asks for 8080)`)] });
    expect(lab.snapshot().proxy.port).toBe(PROXY);
  });
});
