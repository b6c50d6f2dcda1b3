import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, SNAPSHOT_CHANNEL } from '../../../electron/shared/command-names';
import type { LabApi, LabEvent, Result, Snapshot } from '../../../electron/shared/types';
import { forwardLabToWindow } from '../../../electron/main/forward-lab';
import { rendererPage } from '../../../electron/main/renderer-page';
import { setupIpc } from '../../../electron/main/setup-ipc';
import { startLab, useLabs } from '../../support/lab-fixture';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow, asElectron, contextBridge, ipcMain, ipcRenderer } = electron;

useLabs();
const PROXY = 25800;
const BASE = 25810;

/** Every LabApi member, once: the compiler refuses this object if LabApi gains or loses one. */
const LAB_API_MEMBERS: Record<keyof LabApi, true> = {
  snapshot: true,
  addBackends: true,
  backendAction: true,
  removeBackend: true,
  patchBackend: true,
  setBalancer: true,
  setHealth: true,
  resetStats: true,
  onSnapshot: true,
  onEvent: true,
};

/** A fresh page: the preload runs again and window.lab is what it exposed. */
async function loadPreload(): Promise<LabApi> {
  vi.resetModules();
  await import('../../../electron/preload/index');
  return contextBridge.exposed.get('lab') as LabApi;
}

const event = (message: string): LabEvent => ({ at: 1, port: null, kind: 'info', message });
const push = (channel: string, payload: unknown): void => void ipcRenderer.emit(channel, {}, payload);

beforeEach(() => electron.resetElectron());

describe('preload', () => {
  it('exposes window.lab and nothing else', async () => {
    await loadPreload();
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...contextBridge.exposed.keys()]).toEqual(['lab']);
  });

  it('window.lab has exactly the LabApi members, all functions', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual(Object.keys(LAB_API_MEMBERS).sort());
    for (const member of Object.values(api)) expect(typeof member).toBe('function');
  });

  it('each command invokes its own channel with its arguments, and returns the answer', async () => {
    const api = await loadPreload();
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: null });
    expect(await api.patchBackend(4001, { weight: 2 })).toEqual({ ok: true, value: null });
    await api.backendAction(4002, 'kill');
    await api.addBackends({ count: 2 });
    await api.snapshot();
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      ['lab:patchBackend', 4001, { weight: 2 }],
      ['lab:backendAction', 4002, 'kill'],
      ['lab:addBackends', { count: 2 }],
      ['lab:snapshot'],
    ]);
  });

  it('turns a failure of IPC itself into a Result, never a throw', async () => {
    const api = await loadPreload();
    ipcRenderer.invoke.mockRejectedValue(new Error("No handler registered for 'lab:resetStats'"));
    expect(await api.resetStats()).toEqual({ ok: false, status: 500, error: "lab:resetStats failed: No handler registered for 'lab:resetStats'" });
  });

  it('a subscription gets every push until it unsubscribes', async () => {
    const api = await loadPreload();
    const seen: string[] = [];
    const unsubscribe = api.onEvent((e) => seen.push(e.message));
    push(EVENT_CHANNEL, event('one'));
    push(EVENT_CHANNEL, event('two'));
    unsubscribe();
    push(EVENT_CHANNEL, event('three'));
    expect(seen).toEqual(['one', 'two']);

    const snapshots: number[] = [];
    const off = api.onSnapshot((s) => snapshots.push(s.at));
    push(SNAPSHOT_CHANNEL, { at: 1 });
    off();
    push(SNAPSHOT_CHANNEL, { at: 2 });
    expect(snapshots).toEqual([1]);
  });

  it('a late subscriber first gets the recent events and the latest snapshot', async () => {
    const api = await loadPreload();
    push(EVENT_CHANNEL, event('started'));
    push(EVENT_CHANNEL, event('up'));
    push(SNAPSHOT_CHANNEL, { at: 1 });
    push(SNAPSHOT_CHANNEL, { at: 2 });
    const events: string[] = [];
    const snapshots: number[] = [];
    api.onEvent((e) => events.push(e.message));
    api.onSnapshot((s) => snapshots.push(s.at));
    expect(events).toEqual(['started', 'up']);
    expect(snapshots).toEqual([2]);
  });

  it('keeps at most the 200 most recent events for late subscribers', async () => {
    const api = await loadPreload();
    for (let i = 0; i < 250; i++) push(EVENT_CHANNEL, event(String(i)));
    const events: string[] = [];
    api.onEvent((e) => events.push(e.message));
    expect(events).toHaveLength(200);
    expect(events[0]).toBe('50');
  });

  it('the same function subscribed twice is two subscriptions; ending one keeps the other', async () => {
    const api = await loadPreload();
    const seen: string[] = [];
    const listener = (e: LabEvent): number => seen.push(e.message);
    const first = api.onEvent(listener);
    api.onEvent(listener);
    first();
    push(EVENT_CHANNEL, event('x'));
    expect(seen).toEqual(['x']);
  });

  it('a listener that throws does not keep the push from the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const api = await loadPreload();
    const seen: string[] = [];
    api.onEvent(() => {
      throw new Error('render failed');
    });
    api.onEvent((e) => seen.push(e.message));
    push(EVENT_CHANNEL, event('still here'));
    expect(seen).toEqual(['still here']);
    expect(console.error).toHaveBeenCalledWith('a lab:on-event listener threw:', expect.any(Error));
  });

  it('a call on window.lab reaches the real lab through the main handlers, and its pushes reach the page', async () => {
    // Wire the fake IPC both ways: invoke -> ipcMain handlers (as the window's main frame), send -> ipcRenderer.
    const page = rendererPage('/app/out/main', undefined);
    const window = new BrowserWindow({});
    await window.loadURL(page.url);
    ipcRenderer.invoke.mockImplementation((channel: string, ...args: unknown[]) => ipcMain.invoke(window.webContents.invokeEvent(), channel, ...args));
    vi.spyOn(window.webContents, 'send').mockImplementation((channel: string, payload: unknown) => push(channel, structuredClone(payload)));
    const lab = await startLab({ backends: 0, basePort: BASE, proxyPort: PROXY, snapshotIntervalMs: 50 });
    setupIpc(lab, () => asElectron(window), page.isAppUrl);
    forwardLabToWindow(lab, asElectron(window));
    const api = await loadPreload();
    window.webContents.domReady();

    const snapshots: Snapshot[] = [];
    const events: string[] = [];
    api.onSnapshot((s) => snapshots.push(s));
    api.onEvent((e) => events.push(e.message));

    expect(await api.addBackends({ count: 1 })).toEqual({ ok: true, value: [BASE] });
    await vi.waitFor(() => expect(snapshots.at(-1)?.backends[0]?.status).toBe('up'), { timeout: 10_000 });
    expect(events.some((m) => m.includes(String(BASE)))).toBe(true);

    expect(await api.setBalancer({ algorithm: 'least-conn' })).toEqual({ ok: true, value: null });
    await vi.waitFor(() => expect(snapshots.at(-1)?.proxy.algorithm).toBe('least-conn'));

    const refused = (await api.setBalancer({ algorithm: 'random' as never })) as Extract<Result<null>, { ok: false }>;
    expect(refused).toMatchObject({ ok: false, status: 400, field: 'algorithm' });
    expect(lab.snapshot().proxy.algorithm).toBe('least-conn');
  });
});
