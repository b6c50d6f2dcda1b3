import { BrowserWindow } from 'electron';

/**
 * The app's one window: hidden until its first paint, sandboxed, with only
 * the preload's `window.lab` between the page and the main process.
 */
export function createWindow(pageUrl: string, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Load Balancer Lab',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(pageUrl).catch((error: unknown) => console.error(`could not load ${pageUrl}:`, error));
  return window;
}
