import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { Lab } from '../lab/lab';
import { createWindow } from './create-window';
import { setupIpc } from './setup-ipc';
import { setupQuit } from './setup-quit';

/** Defaults a person expects on first launch: 3 sample backends, 1:1:1, proxy on 8080. */
const lab = new Lab({ backends: 3, basePort: 4000, proxyPort: 8080, algorithm: 'weighted', weights: [1, 1, 1] });
let window: BrowserWindow | null = null;

setupQuit(lab);
void app.whenReady().then(async () => {
  setupIpc(lab, () => window);
  window = createWindow(join(import.meta.dirname, '../preload'), process.env['ELECTRON_RENDERER_URL'], join(import.meta.dirname, '../renderer/index.html'));
  window.on('closed', () => (window = null));
  await lab.start().catch((error: unknown) => console.error('lab failed to start:', error));
});
