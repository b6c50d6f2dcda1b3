/**
 * A small stand-in for the `electron` module (its binary cannot run here):
 * just enough of BrowserWindow, webContents, ipcMain, ipcRenderer, app,
 * Menu, dialog (error, message, open and save boxes), shell and contextBridge for the main and preload code, each
 * recording what it was asked to do. Use it from a test file with
 *
 *   const electron = await vi.hoisted(() => import('./fake-electron'));
 *   vi.mock('electron', () => electron);
 *
 * and call resetElectron() before each test.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { BrowserWindow as ElectronBrowserWindow, IpcMainInvokeEvent } from 'electron';

/** An Electron event: only preventDefault matters to the code under test. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(fields: T = {} as T): T & FakeEvent {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebFrame {
  constructor(public url = '') {}
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeWebFrame();
  readonly sent: Array<{ channel: string; payload: unknown; args: unknown[] }> = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    // Electron throws "Object has been destroyed" here.
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload: args[0], args });
  }

  /** What was sent on `channel`, in order. */
  sentOn(channel: string): unknown[] {
    return this.sent.filter((m) => m.channel === channel).map((m) => m.payload);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** What window.open(url) in the page would get. */
  windowOpen(url: string): { action: 'allow' | 'deny' } {
    // With no handler Electron allows the new window.
    return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' };
  }

  /** A navigation the page starts (a link, location.href); returns whether main blocked it. */
  navigate(url: string): boolean {
    const event = fakeEvent({ url });
    this.emit('will-navigate', event);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return event.defaultPrevented;
  }

  /** The page (re)loaded: its preload ran and the DOM is ready. */
  domReady(): void {
    this.emit('dom-ready', fakeEvent());
  }

  /** The IPC event main gets when this page's `frame` (default: its main frame) invokes a channel. */
  invokeEvent(frame: FakeWebFrame | null = this.mainFrame): IpcMainInvokeEvent {
    return { sender: this, senderFrame: frame } as unknown as IpcMainInvokeEvent;
  }
}

/** Where each BrowserWindow was when it was created: lets a test check the setup order. */
export interface CreationState {
  ipcChannels: string[];
  menuSet: boolean;
  appEvents: (string | symbol)[];
}

export class BrowserWindow extends EventEmitter {
  static windows: BrowserWindow[] = [];

  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.windows.find((w) => w.webContents === contents) ?? null;
  }

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.windows.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  readonly createdWhen: CreationState;
  loadedUrl: string | null = null;
  visible = false;
  destroyed = false;
  minimized = false;
  focused = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.createdWhen = { ipcChannels: [...ipcMain.handlers.keys()], menuSet: Menu.application !== null, appEvents: app.eventNames() };
    BrowserWindow.windows.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
    this.visible = options['show'] !== false;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  focus(): void {
    this.focused = true;
  }

  /** Closing the window: 'closed', then 'window-all-closed' when it was the last one (unless quitting). */
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (!app.quitting && BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

/** The fake window as the Electron type the code under test expects. */
export function asElectron(window: BrowserWindow): ElectronBrowserWindow {
  return window as unknown as ElectronBrowserWindow;
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => void;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, handler: Handler): void => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string): void => {
    ipcMain.handlers.delete(channel);
  }),
  listeners: new Map<string, Set<Listener>>(),
  on: vi.fn((channel: string, listener: Listener): void => {
    if (!ipcMain.listeners.has(channel)) ipcMain.listeners.set(channel, new Set());
    ipcMain.listeners.get(channel)!.add(listener);
  }),
  removeAllListeners: vi.fn((channel?: string): void => {
    if (channel === undefined) ipcMain.listeners.clear();
    else ipcMain.listeners.delete(channel);
  }),
  /** What ipcRenderer.send(channel, ...args) from `event.sender` delivers. */
  send(event: IpcMainInvokeEvent, channel: string, ...args: unknown[]): void {
    for (const listener of ipcMain.listeners.get(channel) ?? []) listener(event, ...structuredClone(args));
  },
  /** What ipcRenderer.invoke(channel, ...args) from `event.sender` would get. */
  async invoke(event: IpcMainInvokeEvent, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // IPC copies arguments and results (structured clone), as Electron does.
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn((_channel: string, ..._args: unknown[]): Promise<unknown> => Promise.resolve(undefined));
  send = vi.fn((_channel: string, ..._args: unknown[]): void => undefined);
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown): void => {
    contextBridge.exposed.set(key, api);
  }),
};

class FakeApp extends EventEmitter {
  userData = '/nonexistent/userData';
  /** Set once a quit got through every 'before-quit' (the process would now exit). */
  quitted = false;
  quitting = false;
  exitCode: number | null = null;
  /** Each quit that went through, and what `onQuit` reported at that moment. */
  readonly quits: unknown[] = [];
  onQuit: () => unknown = () => null;

  getPath = vi.fn((name: string): string => {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name} is not faked`);
    return this.userData;
  });
  whenReady = vi.fn((): Promise<void> => Promise.resolve());
  requestSingleInstanceLock = vi.fn((): boolean => true);
  exit = vi.fn((code = 0): void => {
    this.exitCode = code;
  });
  /** As Electron: 'before-quit' (which may prevent it), close every window, 'will-quit', 'quit'. */
  quit = vi.fn((): void => {
    const beforeQuit = fakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const window of BrowserWindow.getAllWindows()) window.close();
    this.emit('will-quit', fakeEvent());
    this.quits.push(this.onQuit());
    this.quitted = true;
    this.emit('quit', fakeEvent(), 0);
  });
}
export const app = new FakeApp();

export const shell = {
  openExternal: vi.fn((_url: string): Promise<void> => Promise.resolve()),
};

/** A dialog's options, as far as the tests look at them. */
export type FakeDialogOptions = Record<string, unknown>;
/** Electron's dialogs take the parent window first, or only the options. */
type DialogArgs = [FakeDialogOptions] | [unknown, FakeDialogOptions];
const CANCELLED_OPEN = { canceled: true, filePaths: [] as string[] };
const CANCELLED_SAVE = { canceled: true, filePath: '' };
const FIRST_BUTTON = { response: 0, checkboxChecked: false };

/** By default every file dialog is cancelled and every message box answers its first button; tests choose otherwise. */
export const dialog = {
  showErrorBox: vi.fn((_title: string, _content: string): void => undefined),
  showOpenDialog: vi.fn((..._args: DialogArgs): Promise<{ canceled: boolean; filePaths: string[] }> => Promise.resolve(CANCELLED_OPEN)),
  showSaveDialog: vi.fn((..._args: DialogArgs): Promise<{ canceled: boolean; filePath: string }> => Promise.resolve(CANCELLED_SAVE)),
  showMessageBox: vi.fn((..._args: DialogArgs): Promise<{ response: number; checkboxChecked: boolean }> => Promise.resolve(FIRST_BUTTON)),
};

/** The options a dialog call was given, whether or not a parent window came first. */
export function dialogOptions(call: DialogArgs): FakeDialogOptions {
  return (call.length === 2 ? call[1] : call[0]) as FakeDialogOptions;
}

/** A menu template item, as far as the tests look at it. */
export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  accelerator?: string;
  submenu?: FakeMenuItem[];
  click?: () => void;
}

export class Menu {
  static application: Menu | null = null;

  constructor(readonly items: FakeMenuItem[]) {}

  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.application = menu;
  }

  static getApplicationMenu(): Menu | null {
    return Menu.application;
  }
}

/** The top-level menu labelled `label` (the & mnemonic ignored) or with that role. */
export function topMenu(label: string): FakeMenuItem | undefined {
  return Menu.application?.items.find((item) => item.label?.replace('&', '') === label || item.role === label);
}

/** The item labelled `label` anywhere in the application menu. */
export function menuItem(label: string): FakeMenuItem | undefined {
  const search = (items: FakeMenuItem[]): FakeMenuItem | undefined => {
    for (const item of items) {
      if (item.label === label) return item;
      const found = item.submenu ? search(item.submenu) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return search(Menu.application?.items ?? []);
}

/** Back to a freshly started Electron: no windows, handlers, listeners or recorded calls. */
export function resetElectron(): void {
  BrowserWindow.windows = [];
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  app.removeAllListeners();
  Object.assign(app, { userData: '/nonexistent/userData', quitted: false, quitting: false, exitCode: null, onQuit: () => null });
  app.quits.length = 0;
  Menu.application = null;
  for (const spy of [
    ipcMain.handle,
    ipcMain.removeHandler,
    ipcMain.on,
    ipcMain.removeAllListeners,
    ipcRenderer.invoke,
    ipcRenderer.send,
    contextBridge.exposeInMainWorld,
    app.getPath,
    app.whenReady,
    app.requestSingleInstanceLock,
    app.exit,
    app.quit,
    shell.openExternal,
    dialog.showErrorBox,
    dialog.showOpenDialog,
    dialog.showSaveDialog,
    dialog.showMessageBox,
  ]) {
    spy.mockClear();
  }
  // Undo per-test implementations (mockImplementation, mockReturnValue) but keep the fakes' own.
  ipcRenderer.invoke.mockImplementation(() => Promise.resolve(undefined));
  app.requestSingleInstanceLock.mockImplementation(() => true);
  app.whenReady.mockImplementation(() => Promise.resolve());
  shell.openExternal.mockImplementation(() => Promise.resolve());
  dialog.showOpenDialog.mockImplementation(() => Promise.resolve(CANCELLED_OPEN));
  dialog.showSaveDialog.mockImplementation(() => Promise.resolve(CANCELLED_SAVE));
  dialog.showMessageBox.mockImplementation(() => Promise.resolve(FIRST_BUTTON));
}
