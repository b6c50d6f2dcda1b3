import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { Lab } from '../lab/lab';
import { applySetup } from '../lab/lab-setup';
import { createWindow } from './create-window';
import { forwardLabToWindow } from './forward-lab';
import { rendererPage } from './renderer-page';
import { legacySettingsFile, loadSession, saveSession, sessionFile } from './session-store';
import { fileActions } from './setup-dialogs';
import { setupIpc } from './setup-ipc';
import { MENU_LABELS, setupMenu } from './setup-menu';
import { setupNavigation } from './setup-navigation';
import { setupQuit } from './setup-quit';
import { setupSingleInstance } from './setup-single-instance';
import { setupTerminals } from './setup-terminals';
import { labStarter } from './start-lab';

/**
 * The Electron app: one window over one Lab, started from the last
 * session's setup the way `lb-lab --setup` starts (a lab with no backends,
 * then applySetup). Each concern is set up in order, then the window is
 * created; quitting saves the session and stops every backend first.
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
  const file = sessionFile();
  const session = loadSession(file, legacySettingsFile());
  const first = session.backends[0];
  const lab = new Lab({ backends: 0, proxyPort: session.proxy.port, ...(first ? { basePort: first.port } : {}) });
  const starter = labStarter(
    lab,
    `Free that port (or quit the program using it), then choose Lab > ${MENU_LABELS.retryStart}. ` +
      `The last session is in ${file}; delete that file to start from the defaults.`,
    async () => {
      const { problems } = await applySetup(lab, session);
      if (problems.length === 0) return;
      for (const problem of problems) console.warn(`last session: ${problem}`);
      // Not awaited: the lab is ready, whether or not the person has read this yet.
      void dialog.showMessageBox({ type: 'warning', message: 'The last session was restored, with problems', detail: problems.join('\n') });
    },
  );

  setupQuit({
    lab,
    // A lab that never started has no backends: saving it would lose the last session's.
    beforeShutdown: async () => (starter.started ? saveSession(file, lab.setup()) : undefined),
  });
  setupNavigation(page.isAppUrl);
  setupIpc(lab, getWindow, page.isAppUrl);
  setupTerminals(lab, getWindow, page.isAppUrl);

  void app.whenReady().then(async () => {
    const refreshMenu = setupMenu({
      proxyUrl: () => lab.proxyUrl,
      labRunning: () => starter.started,
      startLab: () => starter.start(),
      file: fileActions(lab, getWindow),
    });
    window = createWindow(page.url, join(import.meta.dirname, '../preload/index.cjs'));
    window.on('closed', () => (window = null));
    forwardLabToWindow(lab, window);
    await starter.start();
    refreshMenu();
  });
}

main();
