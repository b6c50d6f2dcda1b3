import type { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../electron/lab/lab';
import { setupQuit, type QuitOptions } from '../../../electron/main/setup-quit';
import { startLab, useLabs } from '../../support/lab-fixture';
import { isRunning } from '../../integration/backends/helpers';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, app, fakeEvent } = electron;

useLabs();
const PROXY = 23060;
const BASE = 23061;

/** process, with listeners() for any event name. */
const processEvents: EventEmitter = process;
let teardown: (() => void) | null = null;
beforeEach(() => electron.resetElectron());
afterEach(() => {
  teardown?.();
  teardown = null;
  vi.restoreAllMocks();
});

function setup(options: QuitOptions): void {
  teardown = setupQuit(options);
}

/** The process handler setupQuit added for `event` (so the test runner's own handlers are not run). */
function processHandler(event: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'exit', install: () => void): (...args: unknown[]) => void {
  const before = new Set(processEvents.listeners(event));
  install();
  const added = processEvents.listeners(event).filter((l) => !before.has(l));
  expect(added).toHaveLength(1);
  return added[0] as (...args: unknown[]) => void;
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** A stand-in lab whose shutdown the test controls. */
function controlledLab(): { lab: QuitOptions['lab'] & { shutdown: ReturnType<typeof vi.fn>; killAllSync: ReturnType<typeof vi.fn> }; finish: () => void } {
  let finish = (): void => undefined;
  const lab = { shutdown: vi.fn(() => new Promise<void>((resolve) => (finish = resolve))), killAllSync: vi.fn() };
  return { lab, finish: () => finish() };
}

describe('setupQuit', () => {
  it('holds the first quit until the last session is saved and every backend is gone, then quits for real', async () => {
    const lab = await startLab({ backends: 1, basePort: BASE, proxyPort: PROXY });
    const pid = lab.snapshot().backends[0]!.pid!;
    const steps: string[] = [];
    const shutdown = lab.shutdown.bind(lab);
    vi.spyOn(lab, 'shutdown').mockImplementation(async () => {
      steps.push('shutdown');
      await shutdown();
      steps.push('shut down');
    });
    setup({ lab, beforeShutdown: async () => void steps.push('save') });
    // What is alive at the moment the app really quits.
    app.onQuit = () => ({ backend: isRunning(pid), steps: [...steps] });

    app.quit();
    expect(app.quitted).toBe(false);
    expect(isRunning(pid)).toBe(true);

    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
    expect(app.quits).toEqual([{ backend: false, steps: ['save', 'shutdown', 'shut down'] }]);
    expect(await listening(BASE)).toBe(false);
    expect(await listening(PROXY)).toBe(false);
  });

  it('holds a second quit made while stopping, shuts down once, and lets the quit after that pass', async () => {
    const { lab, finish } = controlledLab();
    setup({ lab, beforeShutdown: async () => undefined });
    app.quit();
    app.quit();
    await vi.waitFor(() => expect(lab.shutdown).toHaveBeenCalledTimes(1));
    expect(app.quitted).toBe(false);
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(app.quits).toHaveLength(1);

    const later = fakeEvent();
    app.emit('before-quit', later);
    expect(later.defaultPrevented).toBe(false);
    expect(lab.shutdown).toHaveBeenCalledTimes(1);
  });

  it('closing the window quits the app, which stops the lab', async () => {
    const { lab, finish } = controlledLab();
    setup({ lab, beforeShutdown: async () => undefined });
    new BrowserWindow({}).close();
    expect(app.quit).toHaveBeenCalled();
    await vi.waitFor(() => expect(lab.shutdown).toHaveBeenCalledTimes(1));
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s in the terminal quits the app the same way', async (signal) => {
    const { lab, finish } = controlledLab();
    const handler = processHandler(signal, () => setup({ lab, beforeShutdown: async () => undefined }));
    handler(signal);
    await vi.waitFor(() => expect(lab.shutdown).toHaveBeenCalledTimes(1));
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('a second Ctrl-C while stopping kills every backend and exits at once with 130', async () => {
    const { lab } = controlledLab();
    const handler = processHandler('SIGINT', () => setup({ lab, beforeShutdown: async () => undefined }));
    handler('SIGINT');
    await vi.waitFor(() => expect(lab.shutdown).toHaveBeenCalledTimes(1));
    handler('SIGINT');
    expect(lab.killAllSync).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(130);
  });

  it('process exit kills every backend synchronously (the last resort)', async () => {
    const lab: Lab = await startLab({ backends: 1, basePort: BASE, proxyPort: PROXY });
    const pid = lab.snapshot().backends[0]!.pid!;
    const onExit = processHandler('exit', () => setup({ lab, beforeShutdown: async () => undefined }));
    onExit(0);
    await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: 5_000 });
  });

  it('a save that fails is logged, and the lab still shuts down and the app quits', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { lab, finish } = controlledLab();
    setup({ lab, beforeShutdown: () => Promise.reject(new Error('disk full')) });
    app.quit();
    await vi.waitFor(() => expect(lab.shutdown).toHaveBeenCalledTimes(1));
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(error).toHaveBeenCalledWith('saving the last session failed:', expect.objectContaining({ message: 'disk full' }));
  });

  it('a shutdown that hangs is cut short: every backend is killed and the app quits', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { lab } = controlledLab();
    setup({ lab, beforeShutdown: async () => undefined, shutdownTimeoutMs: 50 });
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(lab.killAllSync).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('did not shut down within 50 ms'));
  });

  it('a shutdown that fails still kills every backend and quits', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lab = { shutdown: vi.fn(() => Promise.reject(new Error('boom'))), killAllSync: vi.fn() };
    setup({ lab, beforeShutdown: async () => undefined });
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(lab.killAllSync).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('lab shutdown failed; killing its backends:', expect.any(Error));
  });

  it('its teardown removes the process handlers it added', () => {
    const counts = (): number[] => ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((e) => processEvents.listenerCount(e));
    const before = counts();
    setup({ lab: controlledLab().lab, beforeShutdown: async () => undefined });
    expect(counts()).toEqual(before.map((n) => n + 1));
    teardown!();
    teardown = null;
    expect(counts()).toEqual(before);
  });
});
