import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWindow } from '../../../electron/main/create-window';

const electron = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => electron);
const { BrowserWindow } = electron;

const PAGE = 'file:///app/out/renderer/index.html';
const PRELOAD = '/app/out/preload/index.cjs';

beforeEach(() => electron.resetElectron());
afterEach(() => vi.restoreAllMocks());

const fake = (window: unknown): InstanceType<typeof BrowserWindow> => window as InstanceType<typeof BrowserWindow>;

describe('createWindow', () => {
  it('creates one window with the secure web preferences and the built preload', () => {
    const window = fake(createWindow(PAGE, PRELOAD));
    expect(BrowserWindow.windows).toEqual([window]);
    expect(window.options['webPreferences']).toEqual({ preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('is at least 1024 x 640', () => {
    const window = fake(createWindow(PAGE, PRELOAD));
    expect(window.options).toMatchObject({ minWidth: 1024, minHeight: 640 });
    expect(window.options['width']).toBeGreaterThanOrEqual(1024);
    expect(window.options['height']).toBeGreaterThanOrEqual(640);
  });

  it('stays hidden until ready-to-show, then shows', () => {
    const window = fake(createWindow(PAGE, PRELOAD));
    expect(window.options['show']).toBe(false);
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('loads the renderer page', () => {
    expect(fake(createWindow(PAGE, PRELOAD)).loadedUrl).toBe(PAGE);
  });

  it('logs a page that fails to load instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(BrowserWindow.prototype, 'loadURL').mockRejectedValueOnce(new Error('ERR_CONNECTION_REFUSED'));
    createWindow('http://localhost:5173/', PRELOAD);
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('could not load http://localhost:5173/:', expect.any(Error)));
  });
});
