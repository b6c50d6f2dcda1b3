import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, ipcChannel } from '../../../electron/shared/command-table';
import type { Lab } from '../../../electron/lab/lab';
import type { Result, Snapshot } from '../../../electron/shared/types';
import { rendererPage } from '../../../electron/main/renderer-page';
import { REFUSED, setupIpc } from '../../../electron/main/setup-ipc';
import { expectStatus, startLab, statusOf, useLabs } from '../../support/lab-fixture';
import { isRunning } from '../../integration/backends/helpers';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, FakeWebFrame, asElectron, ipcMain } = electron;

useLabs();
const PROXY = 25000;
const BASE = 25010;
const page = rendererPage('/app/out/main', undefined);

let window: InstanceType<typeof BrowserWindow>;
let teardown: (() => void) | null = null;

beforeEach(async () => {
  electron.resetElectron();
  window = new BrowserWindow({});
  await window.loadURL(page.url);
});

afterEach(() => {
  teardown?.();
  teardown = null;
  vi.restoreAllMocks();
});

/** Set up the handlers over `lab` for the test window, and call one from `event` (the window's main frame by default). */
function connect(lab: Lab): (channel: string, ...args: unknown[]) => Promise<Result<unknown>> {
  teardown = setupIpc(lab, () => asElectron(window), page.isAppUrl);
  return (channel, ...args) => ipcMain.invoke(window.webContents.invokeEvent(), channel, ...args) as Promise<Result<unknown>>;
}

/** The lab's state, with the clock stopped. */
function state(lab: Lab): Snapshot {
  return { ...lab.snapshot(), at: 0 };
}

describe('setupIpc', () => {
  it('registers one handler per LabApi command, on the channels the command table derives', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    connect(lab);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(ipcChannel).sort());
    expect([...ipcMain.handlers.keys()]).toContain('lab:addBackends');
  });

  it('answers snapshot with the real lab snapshot', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY, algorithm: 'round-robin' });
    const invoke = connect(lab);
    const result = await invoke('lab:snapshot');
    expect(result.ok).toBe(true);
    const snapshot = (result as { value: Snapshot }).value;
    expect(snapshot.proxy).toMatchObject({ port: PROXY, url: `http://127.0.0.1:${PROXY}/`, algorithm: 'round-robin' });
    expect(snapshot.backends).toEqual([]);
  });

  it('addBackends with a valid payload starts a real backend that comes up and serves through the proxy', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    const invoke = connect(lab);
    expect(await invoke('lab:addBackends', { count: 1, weight: 2 })).toEqual({ ok: true, value: { ports: [BASE] } });
    await expectStatus(lab, () => statusOf(lab, BASE) === 'up');
    const backend = lab.snapshot().backends[0]!;
    expect(backend).toMatchObject({ port: BASE, weight: 2, inRotation: true });
    expect(isRunning(backend.pid!)).toBe(true);
    const reply = await fetch(`http://127.0.0.1:${PROXY}/whoami`);
    expect(reply.headers.get('x-lab-backend')).toBe(String(BASE));
  });

  it('backendAction, patchBackend, setBalancer, resetStats and removeBackend each change the real lab', async () => {
    const lab = await startLab({ backends: 1, basePort: BASE, proxyPort: PROXY });
    const invoke = connect(lab);
    const pid = lab.snapshot().backends[0]!.pid!;

    expect(await invoke('lab:patchBackend', BASE, { weight: 5, maxFails: 3 })).toEqual({ ok: true, value: null });
    expect(lab.snapshot().backends[0]).toMatchObject({ weight: 5, maxFails: 3 });

    expect(await invoke('lab:setBalancer', { algorithm: 'least-conn' })).toEqual({ ok: true, value: null });
    expect(lab.snapshot().proxy.algorithm).toBe('least-conn');

    await fetch(`http://127.0.0.1:${PROXY}/`);
    expect(lab.snapshot().proxy.requests).toBe(1);
    expect(await invoke('lab:resetStats')).toEqual({ ok: true, value: null });
    expect(lab.snapshot().proxy.requests).toBe(0);

    expect(await invoke('lab:backendAction', BASE, 'stop')).toEqual({ ok: true, value: null });
    expect(statusOf(lab, BASE)).toBe('stopped');
    expect(isRunning(pid)).toBe(false);
    // The lab's own refusals come back as Results too.
    expect(await invoke('lab:backendAction', BASE, 'stop')).toMatchObject({ ok: false, status: 409, field: 'action' });

    expect(await invoke('lab:removeBackend', BASE)).toEqual({ ok: true, value: null });
    expect(lab.snapshot().backends).toEqual([]);
    expect(await invoke('lab:removeBackend', BASE)).toMatchObject({ ok: false, status: 404, field: 'port' });
  });

  describe('a bad payload', () => {
    it.each([
      ['lab:addBackends', [{ count: 0 }], 'count'],
      ['lab:addBackends', [{ count: 1, replicas: 2 }], 'replicas'],
      ['lab:addBackends', [{ command: 'python3 -m http.server' }], 'command'],
      ['lab:addBackends', ['three'], 'body'],
      ['lab:backendAction', [BASE, 'explode'], 'action'],
      ['lab:backendAction', ['not-a-port', 'stop'], 'port'],
      ['lab:patchBackend', [BASE, { weight: 999 }], 'weight'],
      ['lab:patchBackend', [BASE, {}], 'body'],
      ['lab:removeBackend', [70000], 'port'],
      ['lab:setBalancer', [{ algorithm: 'random' }], 'algorithm'],
      ['lab:setBalancer', [], 'body'],
    ])('%s %j is refused with an error naming "%s", and the lab is unchanged', async (channel, args, field) => {
      const lab = await startLab({ backends: 1, basePort: BASE, proxyPort: PROXY });
      const invoke = connect(lab);
      const before = state(lab);
      const events: unknown[] = [];
      lab.onEvent((event) => events.push(event));
      const eventsBefore = events.length;

      const result = await invoke(channel, ...args);

      expect(result).toMatchObject({ ok: false, status: 400, field });
      expect((result as { error: string }).error).toContain(field);
      expect(state(lab)).toEqual(before);
      expect(events.length).toBe(eventsBefore);
    });
  });

  describe('senders other than the main frame of the app window', () => {
    const refusals: Array<[string, () => ReturnType<typeof window.webContents.invokeEvent>]> = [
      ['a subframe of the app window', () => window.webContents.invokeEvent(new FakeWebFrame(page.url))],
      ['a frame that is already gone', () => window.webContents.invokeEvent(null)],
      ['another window', () => new BrowserWindow({}).webContents.invokeEvent()],
      [
        'the app window after its page navigated elsewhere',
        () => {
          window.webContents.mainFrame.url = 'https://example.com/';
          return window.webContents.invokeEvent();
        },
      ],
    ];

    it.each(refusals)('%s is refused with 403 and the lab is untouched', async (_who, event) => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
      connect(lab);
      const before = state(lab);
      const start = vi.spyOn(lab, 'addBackends');
      const balance = vi.spyOn(lab, 'setBalancer');

      expect(await ipcMain.invoke(event(), 'lab:addBackends', { count: 1 })).toEqual(REFUSED);
      expect(await ipcMain.invoke(event(), 'lab:setBalancer', { algorithm: 'least-conn' })).toEqual(REFUSED);
      expect(await ipcMain.invoke(event(), 'lab:snapshot')).toEqual(REFUSED);

      expect(start).not.toHaveBeenCalled();
      expect(balance).not.toHaveBeenCalled();
      expect(state(lab)).toEqual(before);
      expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('ignored lab:addBackends'));
    });

    it('every command is refused while there is no window, or once it is closed', async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
      let current: InstanceType<typeof BrowserWindow> | null = null;
      teardown = setupIpc(lab, () => (current ? asElectron(current) : null), page.isAppUrl);
      expect(await ipcMain.invoke(window.webContents.invokeEvent(), 'lab:snapshot')).toEqual(REFUSED);
      current = window;
      expect(await ipcMain.invoke(window.webContents.invokeEvent(), 'lab:snapshot')).toMatchObject({ ok: true });
      window.close();
      expect(await ipcMain.invoke(window.webContents.invokeEvent(), 'lab:snapshot')).toEqual(REFUSED);
    });
  });

  it('its teardown removes every handler', async () => {
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY });
    connect(lab);
    teardown!();
    teardown = null;
    expect(ipcMain.handlers.size).toBe(0);
  });
});
