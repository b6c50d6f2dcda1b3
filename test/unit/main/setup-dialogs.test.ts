import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import type { LabSetup } from '../../../electron/lab/setup';
import { fileActions } from '../../../electron/main/setup-dialogs';
import { expectStatus, startLab, useLabs } from '../../support/lab-fixture';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, asElectron, dialog, dialogOptions } = electron;

useLabs();

const PROXY = 23020;
const BASE = 23021;
let dir: string;
let window: InstanceType<typeof BrowserWindow>;

beforeEach(() => {
  electron.resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'lab-dialogs-'));
  window = new BrowserWindow();
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const SETUP: LabSetup = {
  version: 1,
  proxy: { port: PROXY, algorithm: 'weighted' },
  backends: [
    { port: BASE, weight: 4 },
    { port: BASE + 1, weight: 6, down: true },
  ],
};

async function runningLab(): Promise<Lab> {
  return startLab({ backends: 1, basePort: BASE + 5, proxyPort: PROXY });
}

function actions(lab: Lab): ReturnType<typeof fileActions> {
  return fileActions(lab, () => asElectron(window));
}

function writeJson(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const chooseFile = (path: string): void => void dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
const saveAs = (path: string): void => void dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path });
const answer = (response: number): void => void dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
const boxes = (): Record<string, unknown>[] => dialog.showMessageBox.mock.calls.map(dialogOptions);

describe('File menu dialogs', () => {
  it('Open Setup… offers JSON files over the lab window, asks Replace/Cancel over running backends, then runs the file’s backends', async () => {
    const lab = await runningLab();
    chooseFile(writeJson('lab.json', SETUP));
    answer(0);
    await actions(lab).openSetup();

    const [parent, options] = dialog.showOpenDialog.mock.calls[0]!;
    expect(parent).toBe(window);
    expect(options).toMatchObject({ filters: [{ name: 'Lab setup', extensions: ['json'] }], properties: ['openFile'] });
    expect(boxes()).toEqual([expect.objectContaining({ type: 'question', buttons: ['Replace', 'Cancel'], cancelId: 1, detail: expect.stringContaining(`${BASE + 5}`) })]);
    await expectStatus(lab, () => lab.snapshot().backends.every((b) => b.status === 'up'));
    expect(lab.snapshot().backends.map((b) => [b.port, b.weight, b.down])).toEqual([
      [BASE, 4, false],
      [BASE + 1, 6, true],
    ]);
  });

  it('Cancel in the Replace box leaves the lab as it was', async () => {
    const lab = await runningLab();
    const before = lab.setup();
    chooseFile(writeJson('lab.json', SETUP));
    answer(1);
    await actions(lab).openSetup();
    expect(lab.setup()).toEqual(before);
    expect(boxes()).toHaveLength(1);
  });

  it('a bad setup file gets an error box naming the field, and nothing changes', async () => {
    const lab = await runningLab();
    const before = lab.setup();
    chooseFile(writeJson('bad.json', { ...SETUP, backends: [{ port: BASE, weight: 4, wieght: 6 }] }));
    await actions(lab).openSetup();
    expect(boxes()).toEqual([expect.objectContaining({ type: 'error', message: 'bad.json is not a setup the lab can open', detail: expect.stringMatching(/backends\.0\.wieght: unknown field[\s\S]*Nothing was changed/) })]);
    expect(lab.setup()).toEqual(before);
  });

  it('what applying could not do is shown in a warning box', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    chooseFile(writeJson('lab.json', { ...SETUP, proxy: { ...SETUP.proxy, port: 8080 } }));
    await actions(lab).openSetup();
    expect(boxes()).toEqual([expect.objectContaining({ type: 'warning', detail: expect.stringContaining(`The proxy stays on port ${PROXY}`) })]);
  });

  it('a cancelled Open dialog does nothing', async () => {
    const lab = await runningLab();
    const before = lab.setup();
    await actions(lab).openSetup();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(lab.setup()).toEqual(before);
  });

  it('Save Setup… proposes lab.json and writes the lab’s setup as GET /api/setup answers it', async () => {
    const lab = await runningLab();
    const file = join(dir, 'saved.json');
    saveAs(file);
    await actions(lab).saveSetup();
    expect(dialogOptions(dialog.showSaveDialog.mock.calls[0]!)).toMatchObject({ defaultPath: 'lab.json', filters: [{ name: 'Lab setup', extensions: ['json'] }] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(lab.setup())));
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('a save that fails is shown in an error box, not thrown', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lab = await runningLab();
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    saveAs(join(notAFolder, 'lab.json'));
    await actions(lab).saveSetup();
    expect(boxes()).toEqual([expect.objectContaining({ type: 'error', message: 'Saving lab.json failed' })]);
  });

  it('Export > nginx.conf… and haproxy.cfg… propose those names and write the exports', async () => {
    const lab = await runningLab();
    saveAs(join(dir, 'nginx.conf'));
    await actions(lab).exportSetup('nginx');
    saveAs(join(dir, 'haproxy.cfg'));
    await actions(lab).exportSetup('haproxy');
    expect(dialog.showSaveDialog.mock.calls.map((call) => dialogOptions(call)['defaultPath'])).toEqual(['nginx.conf', 'haproxy.cfg']);
    expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toBe(lab.exportSetup('nginx'));
    expect(readFileSync(join(dir, 'haproxy.cfg'), 'utf8')).toBe(lab.exportSetup('haproxy'));
  });

  it('Export > docker-compose… asks for a folder, writes every file there and says which', async () => {
    const lab = await runningLab();
    chooseFile(dir);
    await actions(lab).exportSetup('compose');
    expect(dialogOptions(dialog.showOpenDialog.mock.calls[0]!)['properties']).toContain('openDirectory');
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'docker-compose.yml', 'nginx.conf', 'sample-backend.mjs']);
    expect(boxes()).toEqual([expect.objectContaining({ type: 'info', detail: expect.stringContaining('docker-compose.yml, nginx.conf, Dockerfile, sample-backend.mjs') })]);
  });

  it('asks before replacing compose files already in the folder, and Cancel writes nothing', async () => {
    const lab = await runningLab();
    writeFileSync(join(dir, 'nginx.conf'), 'mine');
    chooseFile(dir);
    answer(1);
    await actions(lab).exportSetup('compose');
    expect(boxes()).toEqual([expect.objectContaining({ type: 'question', message: 'Replace nginx.conf?', buttons: ['Replace', 'Cancel'] })]);
    expect(readdirSync(dir)).toEqual(['nginx.conf']);
    expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toBe('mine');
  });

  it('runs one file action at a time: a second Open while the first is applying shows no second dialog', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    const file = actions(lab);
    chooseFile(writeJson('lab.json', SETUP));
    const first = file.openSetup();
    const second = file.openSetup();
    await Promise.all([first, second]);
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1);
    expect(lab.snapshot().backends.map((b) => b.port)).toEqual([BASE, BASE + 1]);
    // Once it is done, the next one runs.
    await file.saveSetup();
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
  });
});
