import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabSetup } from '../../../electron/lab/setup';
import { DEFAULT_SETUP, legacySettingsFile, loadSession, saveSession, sessionFile } from '../../../electron/main/session-store';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);

let dir: string;
let file: string;
let legacy: string;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  electron.resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'lab-session-'));
  file = join(dir, 'last-session.json');
  legacy = join(dir, 'lab-settings.json');
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** A session with what lab-settings.json used to lose: per-backend flags, commands, faults, timeouts. */
const SESSION: LabSetup = {
  version: 1,
  proxy: { port: 9090, algorithm: 'least-conn', connectTimeoutMs: 500, nextUpstream: ['error'] },
  health: { path: '/health', intervalMs: 500, rise: 2, fall: 3 },
  backends: [
    { port: 5000, command: 'flask run -p {port}', cwd: '/srv/app', env: { FLASK_DEBUG: '1' }, weight: 3, down: true },
    { port: 5001, weight: 5, drain: true, maxConns: 10, fault: { latencyMs: 300 } },
    { port: 5002, weight: 2, backup: true },
  ],
};

describe('session-store', () => {
  it('keeps the last session in last-session.json in the userData folder, and reads the old lab-settings.json beside it', () => {
    electron.app.userData = '/home/someone/.config/load-balancer-lab';
    expect(sessionFile()).toBe('/home/someone/.config/load-balancer-lab/last-session.json');
    expect(legacySettingsFile()).toBe('/home/someone/.config/load-balancer-lab/lab-settings.json');
    expect(electron.app.getPath).toHaveBeenCalledWith('userData');
  });

  it('round-trips a session with per-backend flags, commands, faults, health checks and timeouts', async () => {
    await saveSession(file, SESSION);
    expect(loadSession(file, legacy)).toEqual(SESSION);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(SESSION);
    expect(warn).not.toHaveBeenCalled();
  });

  it('creates a missing userData folder and leaves no temporary file behind', async () => {
    const nested = join(dir, 'new', 'folder', 'last-session.json');
    await saveSession(nested, SESSION);
    expect(loadSession(nested)).toEqual(SESSION);
    expect(readdirSync(join(dir, 'new', 'folder'))).toEqual(['last-session.json']);
  });

  it('a first launch (no file yet) gets 3 sample backends at 1:1:1, without a warning', () => {
    expect(loadSession(file, legacy)).toEqual(DEFAULT_SETUP);
    expect(DEFAULT_SETUP.backends.map((b) => [b.port, b.weight, b.command])).toEqual([
      [4000, 1, undefined],
      [4001, 1, undefined],
      [4002, 1, undefined],
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('hands out a copy of the defaults, so nothing can change them', () => {
    loadSession(file).backends.push({ port: 4003 });
    expect(DEFAULT_SETUP.backends).toHaveLength(3);
  });

  it('ignores a file it cannot read (a folder in its place) with a warning', () => {
    expect(loadSession(dir)).toEqual(DEFAULT_SETUP);
    expect(warn.mock.calls[0]![0]).toContain('could not read');
  });

  it.each<[string, unknown, string]>([
    ['broken JSON', '{"version": 1, "proxy": {"port": 90', 'setup'],
    ['a weight out of range', { ...SESSION, backends: [{ port: 5000, weight: 999 }] }, 'backends.0.weight'],
    ['an unknown algorithm', { ...SESSION, proxy: { port: 9090, algorithm: 'random' } }, 'proxy.algorithm'],
    ['a missing proxy', { version: 1, backends: [] }, 'proxy'],
    ['a command without {port}', { ...SESSION, backends: [{ port: 5000, command: 'python3 -m http.server' }] }, 'backends.0.command'],
    ['a field it does not know', { ...SESSION, theme: 'dark' }, 'theme'],
    ['a fault rate above 1', { ...SESSION, backends: [{ port: 5000, fault: { errorRate: 2 } }] }, 'backends.0.fault.errorRate'],
  ])('ignores a last session with %s, with a warning naming the field "%s", never the old settings', (_what, content, field) => {
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    writeFileSync(legacy, JSON.stringify({ algorithm: 'weighted', basePort: 6000, proxyPort: 9091, weights: [2] }));
    expect(loadSession(file, legacy)).toEqual(DEFAULT_SETUP);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(`invalid field "${field}"`);
    expect(warn.mock.calls[0]![0]).toContain(file);
  });

  it('without a last session, starts once from an older lab-settings.json: one backend per weight', () => {
    writeFileSync(legacy, JSON.stringify({ algorithm: 'hash', basePort: 6000, proxyPort: 9091, weights: [2, 0], command: 'flask run -p {port}', hashKey: 'path', sticky: true, health: SESSION.health }));
    expect(loadSession(file, legacy)).toEqual({
      version: 1,
      proxy: { port: 9091, algorithm: 'hash', hashKey: 'path', sticky: true },
      health: SESSION.health,
      backends: [
        { port: 6000, weight: 2, command: 'flask run -p {port}' },
        { port: 6001, weight: 0, command: 'flask run -p {port}' },
      ],
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it.each<[string, unknown, string]>([
    ['a weight out of range', { algorithm: 'weighted', basePort: 6000, proxyPort: 9091, weights: [1, 999] }, 'backends.1.weight'],
    ['not settings at all', [1, 2, 3], 'settings'],
  ])('ignores an older lab-settings.json with %s, naming the field "%s"', (_what, content, field) => {
    writeFileSync(legacy, JSON.stringify(content));
    expect(loadSession(file, legacy)).toEqual(DEFAULT_SETUP);
    expect(warn.mock.calls[0]![0]).toContain(`invalid field "${field}"`);
    expect(warn.mock.calls[0]![0]).toContain(legacy);
  });

  it('does not save a session the next launch would refuse, and keeps the old file', async () => {
    await saveSession(file, SESSION);
    await saveSession(file, { ...SESSION, backends: Array.from({ length: 65 }, (_, i) => ({ port: 5000 + i })) });
    expect(loadSession(file)).toEqual(SESSION);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('field "backends"'));
  });
});
