import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, TERMINAL_CHANNELS, ipcChannel } from '../../../electron/shared/command-table';
import { sampleBackendPath } from '../../../electron/lab/backends/sample-backend-path';
import type { LabSetup } from '../../../electron/lab/setup';
import type { Result, Snapshot } from '../../../electron/shared/types';
import { MENU_LABELS } from '../../../electron/main/setup-menu';
import { isRunning } from '../../integration/backends/helpers';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, app, dialog, ipcMain, menuItem } = electron;

const PROXY = 23050;
const BASE = 23051;
const SESSION: LabSetup = { version: 1, proxy: { port: PROXY, algorithm: 'round-robin' }, backends: [{ port: BASE, weight: 2 }] };
const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'] as const;
/** process, with listeners() for any event name. */
const processEvents: EventEmitter = process;

let userData: string;
let file: string;
let processListenersBefore: Map<string, Set<unknown>>;
let blocker: Server | null = null;

beforeEach(() => {
  electron.resetElectron();
  userData = mkdtempSync(join(tmpdir(), 'lab-user-data-'));
  file = join(userData, 'last-session.json');
  app.userData = userData;
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  processListenersBefore = new Map(PROCESS_EVENTS.map((e) => [e, new Set(processEvents.listeners(e))]));
});

afterEach(async () => {
  // Stop the app's lab whatever happened in the test: quit it as a person would.
  if (!app.quitted) app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 20_000 });
  for (const event of PROCESS_EVENTS) {
    for (const listener of processEvents.listeners(event)) {
      if (!processListenersBefore.get(event)!.has(listener)) processEvents.off(event, listener as () => void);
    }
  }
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(userData, { recursive: true, force: true });
});

/** Launch the app: the main entry runs as on `npm start`. */
async function launch(): Promise<InstanceType<typeof BrowserWindow>> {
  vi.resetModules();
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(BrowserWindow.windows).toHaveLength(1));
  return BrowserWindow.windows[0]!;
}

/** A command from the app's own page, through the app's IPC handlers. */
async function command<T>(window: InstanceType<typeof BrowserWindow>, name: string, ...args: unknown[]): Promise<Result<T>> {
  return (await ipcMain.invoke(window.webContents.invokeEvent(), ipcChannel(name as never), ...args)) as Result<T>;
}

async function value<T>(window: InstanceType<typeof BrowserWindow>, name: string, ...args: unknown[]): Promise<T> {
  const result = await command<T>(window, name, ...args);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const snapshot = (window: InstanceType<typeof BrowserWindow>): Promise<Snapshot> => value<Snapshot>(window, 'snapshot');
const allUp = async (window: InstanceType<typeof BrowserWindow>, count: number): Promise<void> =>
  vi.waitFor(async () => expect((await snapshot(window)).backends.map((b) => b.status)).toEqual(Array(count).fill('up')), { timeout: 15_000 });

/** Quit as a person would, and wait until the app is gone. */
async function quit(): Promise<void> {
  app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 20_000 });
}

/** The next launch, with the same userData folder. */
async function relaunch(): Promise<InstanceType<typeof BrowserWindow>> {
  electron.resetElectron();
  app.userData = userData;
  return launch();
}

async function takePort(port: number): Promise<void> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
}

describe('the Electron main entry', () => {
  it('sets up quitting, navigation, IPC and the menu before it creates its one window', async () => {
    writeFileSync(file, JSON.stringify(SESSION));
    const window = await launch();
    expect(window.createdWhen.ipcChannels.sort()).toEqual([...COMMAND_NAMES.map(ipcChannel), TERMINAL_CHANNELS.open].sort());
    expect(window.createdWhen.menuSet).toBe(true);
    expect(window.createdWhen.appEvents).toEqual(expect.arrayContaining(['before-quit', 'window-all-closed', 'web-contents-created']));
    expect(window.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect((window.options['webPreferences'] as { preload: string }).preload).toMatch(/\/preload\/index\.cjs$/);
    expect(window.loadedUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(window.isVisible()).toBe(false);
  });

  it('starts the lab from the last session, and on quit saves the session and stops every backend', async () => {
    writeFileSync(file, JSON.stringify(SESSION));
    const window = await launch();
    await allUp(window, 1);
    const before = await snapshot(window);
    expect(before.proxy).toMatchObject({ port: PROXY, algorithm: 'round-robin' });
    expect(before.backends.map((b) => [b.port, b.weight])).toEqual([[BASE, 2]]);
    const pid = before.backends[0]!.pid!;

    expect(await command(window, 'setBalancer', { algorithm: 'least-conn' })).toEqual({ ok: true, value: null });
    expect(await command(window, 'addBackends', { count: 1, weight: 3 })).toEqual({ ok: true, value: { ports: [BASE + 1] } });
    const pids = (await snapshot(window)).backends.map((b) => b.pid!);
    expect(pids).toContain(pid);
    const setup = await value<LabSetup>(window, 'setup');

    app.onQuit = () => pids.map(isRunning);
    await quit();
    expect(app.quits).toEqual([[false, false]]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(setup);
    expect(setup).toMatchObject({ proxy: { algorithm: 'least-conn' }, backends: [{ port: BASE, weight: 2 }, { port: BASE + 1, weight: 3 }] });
  });

  it('the next launch has the setup the last one quit with: flags, commands, faults, health checks and timeouts', async () => {
    const rich: LabSetup = {
      version: 1,
      proxy: { port: PROXY, algorithm: 'weighted', connectTimeoutMs: 700, readTimeoutMs: 5000, nextUpstream: ['error', 'timeout', 'http_502'], nextUpstreamTries: 3 },
      health: { path: '/health', intervalMs: 1000, rise: 1, fall: 2 },
      backends: [
        { port: BASE, weight: 2, maxFails: 2, failTimeoutMs: 5000 },
        { port: BASE + 1, command: `node ${sampleBackendPath()} {port}`, cwd: userData, env: { LAB_NOTE: 'kept' }, weight: 3 },
      ],
    };
    writeFileSync(file, JSON.stringify(rich));
    let window = await launch();
    await allUp(window, 2);
    // What a person does in the window: flags, a fault and another backend.
    expect(await command(window, 'patchBackend', BASE, { drain: true })).toMatchObject({ ok: true });
    expect(await command(window, 'setFault', BASE + 1, { latencyMs: 50 })).toMatchObject({ ok: true });
    expect(await command(window, 'addBackends', { count: 1, weight: 5 })).toMatchObject({ ok: true });
    expect(await command(window, 'patchBackend', BASE + 2, { backup: true, maxConns: 7 })).toMatchObject({ ok: true });
    const setup = await value<LabSetup>(window, 'setup');
    expect(setup.backends.map((b) => [b.port, b.drain, b.backup, b.fault])).toEqual([
      [BASE, true, false, undefined],
      [BASE + 1, false, false, { latencyMs: 50 }],
      [BASE + 2, false, true, undefined],
    ]);
    await quit();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(setup);

    window = await relaunch();
    await allUp(window, 3);
    expect(await value<LabSetup>(window, 'setup')).toEqual(setup);
  });

  it('File > Open Setup… runs the chosen file’s backends in the app’s lab', async () => {
    writeFileSync(file, JSON.stringify(SESSION));
    const window = await launch();
    await allUp(window, 1);
    await vi.waitFor(() => expect(menuItem(MENU_LABELS.openSetup)?.enabled).toBe(true));
    const chosen = join(userData, 'chosen.json');
    writeFileSync(chosen, JSON.stringify({ version: 1, proxy: { port: PROXY, algorithm: 'weighted' }, backends: [{ port: BASE + 3, weight: 4 }, { port: BASE + 4, weight: 1, down: true }] }));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
    menuItem(MENU_LABELS.openSetup)!.click!();
    await vi.waitFor(async () => expect((await snapshot(window)).backends.map((b) => [b.port, b.weight, b.down, b.status])).toEqual([
      [BASE + 3, 4, false, 'up'],
      [BASE + 4, 1, true, 'up'],
    ]), { timeout: 15_000 });
    // It asked first: the session's backend was running.
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });

  it('an older lab-settings.json is read when there is no last session yet, and the quit writes last-session.json', async () => {
    writeFileSync(join(userData, 'lab-settings.json'), JSON.stringify({ algorithm: 'weighted', basePort: BASE, proxyPort: PROXY, weights: [3] }));
    const window = await launch();
    await allUp(window, 1);
    expect((await snapshot(window)).backends.map((b) => [b.port, b.weight])).toEqual([[BASE, 3]]);
    const setup = await value<LabSetup>(window, 'setup');
    await quit();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(setup);
  });

  it('a lab that cannot start is shown to the person, the app stays open, and a quit keeps the last session', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    writeFileSync(file, JSON.stringify(SESSION));
    await takePort(PROXY);
    const window = await launch();
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalledTimes(1));
    const [title, content] = dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe('The lab could not start');
    expect(content).toContain(`proxy port ${PROXY} is already in use`);
    expect(content).toContain(MENU_LABELS.retryStart);
    expect(content).toContain(file);
    expect(window.isDestroyed()).toBe(false);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(menuItem(MENU_LABELS.retryStart)?.enabled).toBe(true));

    const saved = readFileSync(file, 'utf8');
    await quit();
    expect(readFileSync(file, 'utf8')).toBe(saved);
  });

  it('after a failed start, Lab > retry starts the lab once the port is free', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    writeFileSync(file, JSON.stringify(SESSION));
    await takePort(PROXY);
    const window = await launch();
    await vi.waitFor(() => expect(menuItem(MENU_LABELS.retryStart)?.enabled).toBe(true));
    await new Promise<void>((resolve) => blocker!.close(() => resolve()));
    blocker = null;

    menuItem(MENU_LABELS.retryStart)!.click!();
    await vi.waitFor(async () => expect((await snapshot(window)).backends[0]?.status).toBe('up'), { timeout: 10_000 });
    await vi.waitFor(() => expect(menuItem(MENU_LABELS.retryStart)?.enabled).toBe(false));
    expect(menuItem(MENU_LABELS.openProxy)?.enabled).toBe(true);
  });

  it('an invalid last session is ignored with a warning naming the field', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Invalid, so the defaults would apply: keep the app from starting on 8080 by holding the lab back.
    app.whenReady.mockReturnValue(new Promise(() => undefined));
    writeFileSync(file, JSON.stringify({ ...SESSION, backends: [{ port: BASE }, { port: BASE + 1, weight: -1 }] }));
    vi.resetModules();
    await import('../../../electron/main/index');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('invalid field "backends.1.weight"'));
  });

  it('a second instance quits at once, without a lab or a window', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    writeFileSync(file, JSON.stringify(SESSION));
    vi.resetModules();
    await import('../../../electron/main/index');
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.quitted).toBe(true);
    expect(ipcMain.handlers.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(BrowserWindow.windows).toHaveLength(0);
  });
});
