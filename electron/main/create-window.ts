import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

/** The app's one window: hidden until painted, sandboxed, links go to the system browser. */
export function createWindow(preloadDir: string, rendererUrl: string | undefined, rendererFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Load Balancer Lab',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererFile);
  return window;
}
