import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { Lab } from '../lab/lab';
import { createWindow } from './create-window';
import { forwardLabToWindow } from './forward-lab';
import { labOptionsFrom } from './lab-options';
import { rendererPage } from './renderer-page';
import { loadSettings, saveSettings, settingsFile } from './settings-store';
import { setupIpc } from './setup-ipc';
import { MENU_LABELS, setupMenu } from './setup-menu';
import { setupNavigation } from './setup-navigation';
import { setupQuit } from './setup-quit';
import { setupSingleInstance } from './setup-single-instance';
import { setupTerminals } from './setup-terminals';
import { labStarter } from './start-lab';

/**
 * The Electron app: one window over one Lab, started with the last
 * session's settings. Each concern is set up in order, then the window is
 * created; quitting saves the settings and stops every backend first.
 */
function main(): void {
  let window: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => window;
  if (!setupSingleInstance(getWindow)) {
    app.quit();
    return;
  }

  // Built layout: out/main/index.js beside out/preload/index.cjs and out/renderer/.
  const page = rendererPage(import.meta.dirname, process.env['ELECTRON_RENDERER_URL']);
  const file = settingsFile();
  const lab = new Lab(labOptionsFrom(loadSettings(file)));
  const starter = labStarter(
    lab,
    `Free that port (or quit the program using it), then choose Lab > ${MENU_LABELS.retryStart}. ` +
      `The last session's settings are in ${file}; delete that file to start from the defaults.`,
  );

  setupQuit({
    lab,
    // A lab that never started has no backends: saving it would lose the last session's.
    beforeShutdown: async () => (starter.started ? saveSettings(file, lab.settings()) : undefined),
  });
  setupNavigation(page.isAppUrl);
  setupIpc(lab, getWindow, page.isAppUrl);
  setupTerminals(lab, getWindow, page.isAppUrl);

  void app.whenReady().then(async () => {
    const refreshMenu = setupMenu({ proxyUrl: () => lab.proxyUrl, labRunning: () => starter.started, startLab: () => starter.start() });
    window = createWindow(page.url, join(import.meta.dirname, '../preload/index.cjs'));
    window.on('closed', () => (window = null));
    forwardLabToWindow(lab, window);
    await starter.start();
    refreshMenu();
  });
}

main();
