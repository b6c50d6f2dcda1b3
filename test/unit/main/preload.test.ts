import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, STREAMS } from '../../../electron/shared/command-table';

const SNAPSHOT_CHANNEL = STREAMS.onSnapshot.channel;
const EVENT_CHANNEL = STREAMS.onEvent.channel;
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

/** Every LabApi member: one per row of the command table, one per stream. */
const LAB_API_MEMBERS = [...COMMAND_NAMES, ...Object.keys(STREAMS), 'openTerminal'];

/** A fresh page: the preload runs again and window.lab is what it exposed. */
async function loadPreload(): Promise<LabApi> {
  vi.resetModules();
  await import('../../../electron/preload/index');
  return contextBridge.exposed.get('lab') as LabApi;
}

let seq = 0;
const event = (message: string): LabEvent => ({ seq: ++seq, at: 1, port: null, kind: 'info', message });
/** The lab's answer to `recentEvents`, and a plain ok for every other command. */
const labRemembers = (recent: LabEvent[]): void =>
  void ipcRenderer.invoke.mockImplementation((channel: string) => Promise.resolve({ ok: true, value: channel === 'lab:recentEvents' ? recent : null }));
/** Let the replay's IPC round trip settle. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
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
    expect(Object.keys(api).sort()).toEqual(LAB_API_MEMBERS.sort());
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
    labRemembers([]);
    const seen: string[] = [];
    const unsubscribe = api.onEvent((e) => seen.push(e.message));
    await settle();
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

  it('a late subscriber first gets the recent events, asked of the lab, and the latest snapshot', async () => {
    const api = await loadPreload();
    labRemembers([event('started'), event('up')]);
    push(SNAPSHOT_CHANNEL, { at: 1 });
    push(SNAPSHOT_CHANNEL, { at: 2 });
    const events: string[] = [];
    const snapshots: number[] = [];
    api.onEvent((e) => events.push(e.message));
    api.onSnapshot((s) => snapshots.push(s.at));
    await settle();
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('lab:recentEvents');
    expect(events).toEqual(['started', 'up']);
    expect(snapshots).toEqual([2]);
  });

  it('keeps no event history of its own: a late subscriber gets what the lab remembers, once and in order', async () => {
    const api = await loadPreload();
    const pushed = Array.from({ length: 250 }, (_, i) => event(String(i)));
    for (const e of pushed) push(EVENT_CHANNEL, e);
    const remembered = pushed.slice(-2);
    labRemembers(remembered);
    const events: string[] = [];
    api.onEvent((e) => events.push(e.message));
    // The live stream repeats the last one before the replay arrives: delivered once.
    push(EVENT_CHANNEL, remembered[1]!);
    const next = event('live');
    push(EVENT_CHANNEL, next);
    await settle();
    expect(events).toEqual(['248', '249', 'live']);
  });

  it('the same function subscribed twice is two subscriptions; ending one keeps the other', async () => {
    const api = await loadPreload();
    labRemembers([]);
    const seen: string[] = [];
    const listener = (e: LabEvent): number => seen.push(e.message);
    const first = api.onEvent(listener);
    api.onEvent(listener);
    await settle();
    first();
    push(EVENT_CHANNEL, event('x'));
    expect(seen).toEqual(['x']);
  });

  it('a listener that throws does not keep the push from the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const api = await loadPreload();
    labRemembers([]);
    const seen: string[] = [];
    api.onEvent(() => {
      throw new Error('render failed');
    });
    api.onEvent((e) => seen.push(e.message));
    await settle();
    push(EVENT_CHANNEL, event('still here'));
    expect(seen).toEqual(['still here']);
    expect(console.error).toHaveBeenCalledWith('an event listener threw:', expect.any(Error));
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

    expect(await api.addBackends({ count: 1 })).toEqual({ ok: true, value: { ports: [BASE] } });
    await vi.waitFor(() => expect(snapshots.at(-1)?.backends[0]?.status).toBe('up'), { timeout: 10_000 });
    expect(events.some((m) => m.includes(String(BASE)))).toBe(true);

    expect(await api.setBalancer({ algorithm: 'least-conn' })).toEqual({ ok: true, value: null });
    await vi.waitFor(() => expect(snapshots.at(-1)?.proxy.algorithm).toBe('least-conn'));

    const refused = (await api.setBalancer({ algorithm: 'random' as never })) as Extract<Result<null>, { ok: false }>;
    expect(refused).toMatchObject({ ok: false, status: 400, field: 'algorithm' });
    expect(lab.snapshot().proxy.algorithm).toBe('least-conn');
  });
});
