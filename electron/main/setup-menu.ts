import { Menu, type MenuItemConstructorOptions } from 'electron';
import { openInBrowser } from './open-in-browser';
import type { FileActions } from './setup-dialogs';

export interface MenuActions {
  /** The lab's proxy URL, for Lab > Open Proxy URL in Browser. */
  proxyUrl(): string;
  /** Whether the lab is running: retrying a start is offered only when it is not. */
  labRunning(): boolean;
  /** Try starting the lab again (after a failed start). */
  startLab(): Promise<boolean>;
  /** File > Open Setup…, Save Setup… and Export (offered while the lab runs). */
  file: FileActions;
}

export const MENU_LABELS = {
  openProxy: 'Open Proxy URL in Browser',
  retryStart: 'Try Starting the Lab Again',
  openSetup: 'Open Setup…',
  saveSetup: 'Save Setup…',
  export: 'Export',
  exportNginx: 'nginx.conf…',
  exportHaproxy: 'haproxy.cfg…',
  exportCompose: 'docker-compose…',
} as const;

/**
 * The application menu: File > Open Setup… / Save Setup… / Export > nginx.conf…,
 * haproxy.cfg…, docker-compose… / Quit, Edit (so copy and paste work in the
 * form fields on macOS), View > Reload / Toggle DevTools / zoom, and Lab >
 * open the proxy URL in the system browser, or retry a failed start.
 * Returns the function that rebuilds it after the lab's state changed.
 */
export function setupMenu(actions: MenuActions): () => void {
  const build = (): void => {
    const running = actions.labRunning();
    const template: MenuItemConstructorOptions[] = [
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
      {
        label: '&File',
        submenu: [
          { label: MENU_LABELS.openSetup, accelerator: 'CmdOrCtrl+O', enabled: running, click: () => void actions.file.openSetup() },
          { label: MENU_LABELS.saveSetup, accelerator: 'CmdOrCtrl+S', enabled: running, click: () => void actions.file.saveSetup() },
          {
            label: MENU_LABELS.export,
            enabled: running,
            submenu: [
              { label: MENU_LABELS.exportNginx, click: () => void actions.file.exportSetup('nginx') },
              { label: MENU_LABELS.exportHaproxy, click: () => void actions.file.exportSetup('haproxy') },
              { label: MENU_LABELS.exportCompose, click: () => void actions.file.exportSetup('compose') },
            ],
          },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      { role: 'editMenu' },
      {
        label: '&View',
        submenu: [
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      },
      {
        label: '&Lab',
        submenu: [
          { label: MENU_LABELS.openProxy, accelerator: 'CmdOrCtrl+Shift+O', enabled: running, click: () => openInBrowser(actions.proxyUrl()) },
          { type: 'separator' },
          { label: MENU_LABELS.retryStart, enabled: !running, click: () => void actions.startLab().then(build) },
        ],
      },
    ];
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  build();
  return build;
}
