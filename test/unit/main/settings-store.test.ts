import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type LabSettings } from '../../../electron/shared/settings';
import { loadSettings, saveSettings, settingsFile } from '../../../electron/main/settings-store';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);

let dir: string;
let file: string;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  electron.resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'lab-settings-'));
  file = join(dir, 'lab-settings.json');
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const SESSION: LabSettings = { algorithm: 'least-conn', basePort: 5000, proxyPort: 9090, weights: [3, 5, 2], command: 'flask run -p {port}' };

describe('settings-store', () => {
  it('keeps the settings in lab-settings.json in the userData folder', () => {
    electron.app.userData = '/home/someone/.config/load-balancer-lab';
    expect(settingsFile()).toBe('/home/someone/.config/load-balancer-lab/lab-settings.json');
    expect(electron.app.getPath).toHaveBeenCalledWith('userData');
  });

  it('round-trips valid settings', async () => {
    await saveSettings(file, SESSION);
    expect(loadSettings(file)).toEqual(SESSION);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(SESSION);
    expect(warn).not.toHaveBeenCalled();
  });

  it('round-trips settings without a command and with no backends', async () => {
    const none: LabSettings = { algorithm: 'round-robin', basePort: 4000, proxyPort: 8080, weights: [] };
    await saveSettings(file, none);
    expect(loadSettings(file)).toEqual(none);
  });

  it('creates a missing userData folder and leaves no temporary file behind', async () => {
    const nested = join(dir, 'new', 'folder', 'lab-settings.json');
    await saveSettings(nested, SESSION);
    expect(loadSettings(nested)).toEqual(SESSION);
    expect(readdirSync(join(dir, 'new', 'folder'))).toEqual(['lab-settings.json']);
  });

  it('a first launch (no file yet) gets the defaults, without a warning', () => {
    expect(loadSettings(file)).toEqual(DEFAULT_SETTINGS);
    expect(warn).not.toHaveBeenCalled();
  });

  it('hands out a copy of the defaults, so nothing can change them', () => {
    loadSettings(file).weights.push(9);
    expect(DEFAULT_SETTINGS.weights).toEqual([1, 1, 1]);
  });

  it('ignores a corrupt file with a warning, and starts from the defaults', () => {
    writeFileSync(file, '{"algorithm": "weighted", "basePort": 40');
    expect(loadSettings(file)).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/lab-settings\.json is not valid JSON .*defaults/);
  });

  it('ignores a file it cannot read (a folder in its place) with a warning', () => {
    expect(loadSettings(dir)).toEqual(DEFAULT_SETTINGS);
    expect(warn.mock.calls[0]![0]).toContain('could not read');
  });

  it.each<[string, unknown, string]>([
    ['a weight out of range', { ...SESSION, weights: [1, 999] }, 'weights.1'],
    ['an unknown algorithm', { ...SESSION, algorithm: 'random' }, 'algorithm'],
    ['a missing proxy port', { algorithm: 'weighted', basePort: 4000, weights: [1] }, 'proxyPort'],
    ['a port that is not a port', { ...SESSION, basePort: 70000 }, 'basePort'],
    ['a command without {port}', { ...SESSION, command: 'python3 -m http.server' }, 'command'],
    ['a field it does not know', { ...SESSION, theme: 'dark' }, 'theme'],
    ['not an object at all', [1, 2, 3], 'settings'],
  ])('ignores a file with %s, with a warning naming the field "%s"', (_what, content, field) => {
    writeFileSync(file, JSON.stringify(content));
    expect(loadSettings(file)).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(`invalid field "${field}"`);
    expect(warn.mock.calls[0]![0]).toContain(file);
  });

  it('does not save settings the next launch would refuse, and keeps the old file', async () => {
    await saveSettings(file, SESSION);
    await saveSettings(file, { ...SESSION, weights: Array.from({ length: 65 }, () => 1) });
    expect(loadSettings(file)).toEqual(SESSION);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('field "weights"'));
  });
});
